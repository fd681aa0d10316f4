<?php
// Uninstalls the plugin from the test WordPress (after the browser tests,
// whose settings tests saved its option) as WordPress does when an admin
// deletes it (uninstall_plugin runs the plugin's uninstall.php), and checks
// that its option is gone. Exits non-zero otherwise.
[ , $root, $url ] = $argv;
$_SERVER['HTTP_HOST'] = parse_url( $url, PHP_URL_HOST ) . ':' . parse_url( $url, PHP_URL_PORT );
require $root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
$plugin = 'program-fit-screener/program-fit-screener.php';
if ( false === get_option( 'program_fit_screener' ) ) {
	fwrite( STDERR, "uninstall: the settings tests saved no option to remove\n" );
	exit( 1 );
}
deactivate_plugins( $plugin );
uninstall_plugin( $plugin );
wp_cache_flush();
if ( false !== get_option( 'program_fit_screener' ) ) {
	fwrite( STDERR, "uninstall: the option is still there\n" );
	exit( 1 );
}
echo "uninstall: the plugin's option is removed\n";
