/**
 * Where a file of the book is shown in its repository on the web, for links to files that are not
 * chapters (`../examples/app.py`). `config.repository` is one of:
 * - a repository's home page on GitHub or GitLab (`https://github.com/owner/name`): the book is
 *   taken to be the repository's root folder, shown on its default branch (`HEAD`), so a file is
 *   at `…/blob/HEAD/<path>` and a folder at `…/tree/HEAD/<path>` (GitLab: `…/-/blob/HEAD/<path>`);
 * - any other address, taken as the address of the book's root folder as the host shows it
 *   (`https://github.com/owner/name/tree/main/guide`, a Gitea `…/src/branch/main`), to which the
 *   path is appended (GitHub and GitLab send a `tree` address of a file on to its `blob` page).
 */

const home = /^(https?:\/\/(?:www\.)?(github\.com|gitlab\.com)\/[^/]+\/[^/]+?)(?:\.git)?$/i;

/** The web address of `relative`, a path from the book root with `/` between its parts, a folder or a file. */
export function repositoryUrl(repository: string, relative: string, folder: boolean): string {
  const base = repository.replace(/\/+$/, '');
  const encoded = relative.split('/').map(encodeURIComponent).join('/');
  const match = home.exec(base);
  if (!match) return `${base}/${encoded}`;
  const view = `${match[2]?.toLowerCase() === 'gitlab.com' ? '-/' : ''}${folder ? 'tree' : 'blob'}`;
  return `${match[1]}/${view}/HEAD/${encoded}`;
}
