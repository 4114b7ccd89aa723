// Regions that scroll sideways (wide tables, notebook cells) take keyboard focus, so they can be
// scrolled without a mouse (checked by axe-core in tests/browser).
document$.subscribe(() => {
  for (const region of document.querySelectorAll(".md-typeset__scrollwrap, .highlight-ipynb")) {
    region.tabIndex = 0;
  }
});
