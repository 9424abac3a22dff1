const fs = require('node:fs');
const { src, dest } = require('gulp');

// Every build starts from an empty dist/: a file renamed or deleted in nodes/ must not live on
// in the published package as a stale compiled copy.
function cleanDist(done) {
	fs.rmSync('dist', { recursive: true, force: true });
	done();
}

// n8n resolves `file:` icon paths relative to the compiled node and credential files,
// so the SVGs must sit beside dist/ exactly as they sit beside the sources.
function buildIcons() {
	return src('icons/**/*.svg').pipe(dest('dist/icons'));
}

exports['clean:dist'] = cleanDist;
exports['build:icons'] = buildIcons;
