<?php
/**
 * Plugin Name:       Program-fit screener
 * Description:       The <program-fit-screener> questionnaire as a shortcode ([program_fit_screener]) and a block, with site-wide defaults under Settings.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Tested up to:      6.1
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       program-fit-screener
 *
 * The plugin's entry point: constants, and the hooks that wire the shortcode,
 * the block and the settings page to the one render function
 * (includes/render.php). It never prints the loader on a page without the
 * widget: the script is enqueued by the render function itself.
 */

defined( 'ABSPATH' ) || exit;

define( 'PFS_VERSION', '0.1.0' );
define( 'PFS_FILE', __FILE__ );
define( 'PFS_OPTION', 'program_fit_screener' );

require_once __DIR__ . '/includes/fields.php';
require_once __DIR__ . '/includes/render.php';
require_once __DIR__ . '/includes/settings.php';

add_action( 'init', 'pfs_register' );

/** Registers the loader (not enqueued), the shortcode and the block. */
function pfs_register() {
	// A classic footer script: it works on WordPress without script modules,
	// and the loader finds core/ relative to its own URL.
	wp_register_script( 'program-fit-screener', plugins_url( 'assets/program-fit-screener.js', PFS_FILE ), array(), PFS_VERSION, true );
	add_shortcode( 'program_fit_screener', 'pfs_shortcode' );
	register_block_type(
		__DIR__ . '/block',
		array(
			'attributes'      => pfs_block_attributes(),
			'render_callback' => 'pfs_render',
		)
	);
	wp_localize_script( 'program-fit-screener-screener-editor-script', 'pfsBlock', array( 'fields' => pfs_editor_fields() ) );
}

/** The shortcode: bare words (`[program_fit_screener datalayer]`) mean "on". */
function pfs_shortcode( $atts ) {
	$atts = is_array( $atts ) ? $atts : array();
	foreach ( $atts as $key => $value ) {
		if ( is_int( $key ) ) {
			unset( $atts[ $key ] );
			$atts[ strtolower( $value ) ] = 'true';
		}
	}
	return pfs_render( $atts );
}

// The editor's preview is the real widget: the loader is enqueued there too.
add_action(
	'enqueue_block_editor_assets',
	function () {
		wp_enqueue_script( 'program-fit-screener' );
	}
);
