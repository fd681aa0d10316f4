<?php
// The PHP built-in server's router for the test WordPress, doing what
// Apache's rewrite rules would: .wasm is served as application/wasm (so it
// compiles while it streams); a multisite network's subdirectory site
// (/second/wp-content/…) gets the network's own files; other existing files
// and folders are served as they are; everything else goes to WordPress
// (/favicon.ico too, which WordPress answers itself).
$path = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
$root = $_SERVER['DOCUMENT_ROOT'];
if ( ! file_exists( $root . $path ) && preg_match( '#^/[^/]+(/wp-(?:content|includes)/.*)$#', $path, $m ) && is_file( $root . $m[1] ) && substr( $m[1], -4 ) !== '.php' ) {
	$path = $m[1];
}
$file = $root . $path;
$types = array( 'wasm' => 'application/wasm', 'js' => 'text/javascript', 'css' => 'text/css' );
$ext = pathinfo( $path, PATHINFO_EXTENSION );
if ( is_file( $file ) && ( 'wasm' === $ext || $path !== parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) ) && substr( $path, -4 ) !== '.php' ) {
	header( 'Content-Type: ' . ( $types[ $ext ] ?? ( mime_content_type( $file ) ?: 'application/octet-stream' ) ) );
	readfile( $file );
	return true;
}
if ( file_exists( $file ) ) {
	return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
require $root . '/index.php';
return true;
