<?php
// The PHP built-in server's router for the test WordPress: .wasm is served
// as application/wasm (so it compiles while it streams), other existing
// files and folders as they are, everything else by WordPress (as Apache's
// rewrite rules would: /favicon.ico too, which WordPress answers itself).
$path = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
if ( substr( $path, -5 ) === '.wasm' && is_file( $file ) ) {
	header( 'Content-Type: application/wasm' );
	readfile( $file );
	return true;
}
if ( file_exists( $file ) ) {
	return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
return true;
