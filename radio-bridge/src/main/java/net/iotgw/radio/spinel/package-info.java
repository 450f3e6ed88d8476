/**
 * The subset of Spinel (OpenThread {@code src/lib/spinel/spinel.h}) that a host needs to drive an
 * RCP as a raw IEEE 802.15.4 radio: reset, version and capability checks, PHY and MAC settings, and
 * frames in and out through {@code PROP_STREAM_RAW}.
 *
 * <p>A Spinel frame is the payload of one HDLC-Lite frame ({@link net.iotgw.radio.hdlc}): a header
 * byte, a command as a packed unsigned integer, and a command payload. {@link
 * net.iotgw.radio.spinel.SpinelCodec} decodes any frame totally (a {@code Decoded.Failed} with a
 * typed error, never an exception) and encodes any {@link net.iotgw.radio.spinel.SpinelFrame};
 * {@link net.iotgw.radio.spinel.HostRequests} builds the requests a host sends.
 *
 * <p>Byte order: spinel.h "Primitive Types" makes every multi-byte integer little-endian, while
 * EUI-64 ({@code E}) and IPv6 ({@code 6}) values are big-endian. The wire helpers of {@code
 * net.iotgw.protocols.wire} are big-endian, so {@link net.iotgw.radio.spinel.SpinelData} composes
 * the little-endian types from single bytes.
 *
 * <p>Pure: no I/O, no threads, no clocks.
 */
package net.iotgw.radio.spinel;
