<?php
// The PHP built-in server's router for the test WordPress: .wasm is served
// as application/wasm (so it compiles while it streams), other existing
// files as they are, everything else by WordPress.
$path = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
if ( substr( $path, -5 ) === '.wasm' && is_file( $file ) ) {
	header( 'Content-Type: application/wasm' );
	readfile( $file );
	return true;
}
return false;
