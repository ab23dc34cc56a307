/**
 * The extension's mark, a handset, drawn white on the button's teal disc. It is a CSS clip-path
 * on a pseudo-element rather than an inline SVG: one element per button instead of three (this
 * matters on lists with thousands of numbers), and no image URL, so a page's img-src CSP cannot
 * block it. The path is for a 12×12 px box.
 */
export const HANDSET_CLIP_PATH =
  'path("M3.3 5.4a7.6 7.6 0 0 0 3.3 3.3l1.1 -1.1a0.5 0.5 0 0 1 0.5 -0.125c0.55 0.185 1.15 0.285 1.8 0.285a0.5 0.5 0 0 1 0.5 0.5V10a0.5 0.5 0 0 1 -0.5 0.5A8.5 8.5 0 0 1 1.5 2a0.5 0.5 0 0 1 0.5 -0.5h1.75a0.5 0.5 0 0 1 0.5 0.5c0 0.625 0.1 1.225 0.285 1.785a0.5 0.5 0 0 1 -0.125 0.5z")';
