<?php
/**
 * Removes the plugin's options when it is deleted: this site's, or in a
 * multisite network every site's.
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $site_id ) {
		switch_to_blog( $site_id );
		delete_option( 'program_fit_screener' );
		restore_current_blog();
	}
} else {
	delete_option( 'program_fit_screener' );
}
