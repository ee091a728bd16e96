// Formatting is Prettier's job (ESLint runs eslint-config-prettier, so no lint rule argues with it).
// The options are Prettier's defaults (double quotes, semicolons, trailing commas, two spaces)
// except the width: the code is written with long lines, and 160 is the width that changes the
// fewest lines of it.
/** @type {import("prettier").Config} */
export default {
  printWidth: 160,
};
