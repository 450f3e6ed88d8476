/**
 * The OpenThread RCP host driver as Pekko Streams stages: {@link
 * net.iotgw.radio.rcp.RcpDriver#bidi} stacks HDLC-Lite and Spinel on a byte link and exposes the
 * radio as {@link net.iotgw.radio.rcp.RadioFrame}s out and {@link
 * net.iotgw.radio.rcp.ReceivedRadioFrame}s in; {@link net.iotgw.radio.rcp.RadioLink} is that driver
 * on a reconnecting serial or TCP link, what the gateway materializes.
 *
 * <p>PSDUs include their two FCS bytes in both directions (Spinel STREAM_RAW and pcap DLT 195 carry
 * them); the radio computes the FCS of transmitted frames.
 */
package net.iotgw.radio.rcp;
