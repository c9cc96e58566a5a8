// The preview tab's side of live reload (plain browser JavaScript, served as is by the dev server).
// After each rebuild the server sends `reload` with the chapter map; the tab saves its scroll
// position, finds where its chapter now lives and reloads there.
(function () {
  'use strict';
  var root = document.documentElement;
  var version = Number(root.dataset.bookVersion);
  var chapterKey = root.dataset.bookChapter;
  var scrollKey = 'book-dev-scroll:';

  // Our own restoration: the browser's is unreliable when the page content changed under it.
  history.scrollRestoration = 'manual';
  var saved = sessionStorage.getItem(scrollKey + location.pathname);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey + location.pathname);
    window.addEventListener('load', function () { window.scrollTo(0, Number(saved)); });
    window.scrollTo(0, Number(saved));
  }

  /** The address this tab should show after a rebuild: its chapter, wherever it moved, in the same view. */
  function target(chapters) {
    if (!chapterKey) return location.pathname;
    var href = chapters[chapterKey];
    var view = location.pathname.indexOf('/_dev/pages/') === 0 ? '/_dev/pages/' : '/';
    return href ? view + href : '/';
  }

  /** Saves the scroll position for the page about to load, then loads it. */
  function reloadTo(data) {
    var path = target(data.chapters || {});
    sessionStorage.setItem(scrollKey + path, String(window.scrollY));
    if (path === location.pathname) location.reload();
    else location.replace(path + location.hash);
  }

  var events = new EventSource('/_dev/events');
  // Shown on <html> so that tests and curious authors can see whether the tab is live.
  events.addEventListener('open', function () { root.dataset.bookLive = 'connected'; });
  events.addEventListener('error', function () { root.dataset.bookLive = 'reconnecting'; });
  events.addEventListener('reload', function (e) { reloadTo(JSON.parse(e.data)); });
  // A rebuild may have finished between loading this page and connecting.
  events.addEventListener('hello', function (e) {
    var data = JSON.parse(e.data);
    if (data.version !== version) reloadTo(data);
  });

  var host = document.querySelector('book-dev');
  var button = host && host.shadowRoot && host.shadowRoot.getElementById('look');
  if (button) {
    button.addEventListener('click', function () {
      var look = root.dataset.bookLook === 'print' ? 'epub' : 'print';
      sessionStorage.setItem('book-dev-look', look);
      root.dataset.bookLook = look;
      document.getElementById('book-look').href = '/_dev/look/' + look + '.css';
    });
  }
})();
