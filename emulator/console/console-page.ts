/**
 * The HTML of `GET /`: a shell that loads the bundled console. Everything else (the user list,
 * the schema) comes from `/console/config.json`, so the page itself never changes.
 */

/** The page; `assetVersion` busts browser caches when the bundle is rebuilt. */
export function consolePage(assetVersion: string): string {
  const version = encodeURIComponent(assetVersion);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Helpdesk API console</title>
<link rel="stylesheet" href="/console/console.css?v=${version}">
<script type="module" src="/console/console.js?v=${version}"></script>
</head>
<body>
<div id="console-root"><noscript>The console needs JavaScript. The API itself is at POST /graphql.</noscript></div>
</body>
</html>
`;
}
