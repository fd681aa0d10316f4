<?php
/**
 * The one render function behind the shortcode and the block: merges the
 * site-wide defaults (read now, so a change of defaults updates every page)
 * under the given values, drops what fails its check, and prints the
 * element with every attribute escaped. It enqueues the loader, so the
 * script is on exactly the pages that show the widget.
 */

defined( 'ABSPATH' ) || exit;

/** The site-wide defaults, checked. */
function pfs_defaults() {
	$saved = get_option( PFS_OPTION, array() );
	return is_array( $saved ) ? $saved : array();
}

/** The settings in force: given values over the defaults, each checked. */
function pfs_resolve( $given ) {
	$defaults = pfs_defaults();
	$out      = array();
	foreach ( pfs_fields() as $key => $field ) {
		$value = isset( $given[ $key ] ) ? pfs_check( $field['check'], $given[ $key ], $field ) : null;
		if ( null === $value && ! empty( $field['default'] ) && isset( $defaults[ $key ] ) ) {
			$value = pfs_check( $field['check'], $defaults[ $key ], $field );
		}
		if ( null !== $value ) {
			$out[ $key ] = $value;
		}
	}
	return $out;
}

/** The tel: address of a phone number: digits, +1 for a 10-digit North American number. */
function pfs_tel( $phone ) {
	$digits = preg_replace( '/\D/', '', $phone );
	if ( '+' === $phone[0] ) {
		return '+' . $digits;
	}
	if ( 10 === strlen( $digits ) ) {
		return '+1' . $digits;
	}
	return ( 11 === strlen( $digits ) && '1' === $digits[0] ) ? '+' . $digits : $digits;
}

/** The element's markup for these shortcode or block values. */
function pfs_render( $given = array() ) {
	wp_enqueue_script( 'program-fit-screener' );
	$values = pfs_resolve( is_array( $given ) ? $given : array() );
	$fields = pfs_fields();
	$html   = '<program-fit-screener';
	foreach ( $values as $key => $value ) {
		$attr = $fields[ $key ]['attr'];
		if ( null === $attr ) {
			continue;
		}
		$html .= true === $value ? ' ' . $attr : ' ' . $attr . '="' . esc_attr( $value ) . '"';
	}
	if ( isset( $values['accent'] ) ) {
		$html .= ' style="' . esc_attr( '--pfs-accent:' . $values['accent'] ) . '"';
	}
	$html .= '>';
	if ( isset( $values['tracking_phone'] ) ) {
		$phone = $values['tracking_phone'];
		$html .= '<a slot="phone" href="' . esc_attr( 'tel:' . pfs_tel( $phone ) ) . '">' . esc_html( $phone ) . '</a>';
	}
	return $html . '</program-fit-screener>';
}
