const { src, dest } = require('gulp');

// n8n resolves `file:` icon paths relative to the compiled node and credential files,
// so the SVGs must sit beside dist/ exactly as they sit beside the sources.
function buildIcons() {
	return src('icons/**/*.svg').pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
