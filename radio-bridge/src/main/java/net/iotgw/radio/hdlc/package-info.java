/**
 * HDLC-Lite, the byte-stuffed framing that OpenThread's RCP puts around every Spinel frame on a
 * UART (OpenThread {@code src/lib/hdlc/hdlc.hpp}, itself a subset of RFC 1662 §4 "Octet-stuffed
 * framing"): a flag byte between frames, an escape byte, and a 16-bit FCS per frame. No address
 * or control field, no sequence numbers, no retransmission.
 *
 * <p>Pure: {@link net.iotgw.radio.hdlc.HdlcEncoder} is stateless; {@link
 * net.iotgw.radio.hdlc.HdlcDecoder} holds the state of one byte stream and is owned by the single
 * reader of that stream.
 */
package net.iotgw.radio.hdlc;
