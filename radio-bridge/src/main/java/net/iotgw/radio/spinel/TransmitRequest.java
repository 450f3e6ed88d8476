package net.iotgw.radio.spinel;

import java.util.Arrays;
import java.util.Objects;
import net.iotgw.protocols.ieee802154.MacFrameCodec;

/**
 * A frame for the radio to send: the value of {@code PROP_VALUE_SET STREAM_RAW} (spinel.h,
 * SPINEL_PROP_STREAM_RAW, "The frame meta data for the CMD_PROP_VALUE_SET"). Encoded as {@code d C
 * C C b}, the leading fields of the format OpenThread's {@code RadioSpinel::Transmit} sends; the
 * fields after those (header-updated, retransmission, security-processed, CSL delays, RX channel
 * after TX, TX power) are optional and an RCP applies OpenThread's defaults when they are absent
 * ({@code NcpBase::DecodeStreamRawTxRequest}), which is what a host without RCP-side security or
 * CSL wants.
 *
 * @param psdu the MAC frame including two FCS bytes, which the radio fills in (OpenThread's {@code
 *     otRadioFrame.mLength} counts them); at most {@link MacFrameCodec#MAX_PHY_PACKET_SIZE} bytes
 * @param channel the channel to send on; spinel.h: "MUST be included"
 * @param maxCsmaBackoffs CSMA-CA backoffs before a channel access failure
 * @param maxFrameRetries retransmissions when an ACK was requested and did not come
 * @param csmaCaEnabled false sends without clear channel assessment
 */
public record TransmitRequest(
    byte[] psdu, int channel, int maxCsmaBackoffs, int maxFrameRetries, boolean csmaCaEnabled) {

  /** OPENTHREAD_CONFIG_MAC_MAX_CSMA_BACKOFFS_DIRECT, macMaxCSMABackoffs of IEEE 802.15.4-2006. */
  public static final int DEFAULT_MAX_CSMA_BACKOFFS = 4;

  /** OPENTHREAD_CONFIG_MAC_DEFAULT_MAX_FRAME_RETRIES_DIRECT, macMaxFrameRetries. */
  public static final int DEFAULT_MAX_FRAME_RETRIES = 3;

  public TransmitRequest {
    if (psdu.length > MacFrameCodec.MAX_PHY_PACKET_SIZE) {
      throw new IllegalArgumentException(
          "PSDU longer than " + MacFrameCodec.MAX_PHY_PACKET_SIZE + ": " + psdu.length);
    }
    psdu = psdu.clone();
    if (channel < 0 || channel > 0xFF) {
      throw new IllegalArgumentException("channel out of range: " + channel);
    }
    if (maxCsmaBackoffs < 0 || maxCsmaBackoffs > 0xFF) {
      throw new IllegalArgumentException("maxCsmaBackoffs out of range: " + maxCsmaBackoffs);
    }
    if (maxFrameRetries < 0 || maxFrameRetries > 0xFF) {
      throw new IllegalArgumentException("maxFrameRetries out of range: " + maxFrameRetries);
    }
  }

  /** With OpenThread's defaults: 4 backoffs, 3 retries, CSMA-CA on. */
  public static TransmitRequest of(byte[] psdu, int channel) {
    return new TransmitRequest(
        psdu, channel, DEFAULT_MAX_CSMA_BACKOFFS, DEFAULT_MAX_FRAME_RETRIES, true);
  }

  @Override
  public byte[] psdu() {
    return psdu.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransmitRequest t
        && Arrays.equals(psdu, t.psdu)
        && channel == t.channel
        && maxCsmaBackoffs == t.maxCsmaBackoffs
        && maxFrameRetries == t.maxFrameRetries
        && csmaCaEnabled == t.csmaCaEnabled;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(psdu)
        + Objects.hash(channel, maxCsmaBackoffs, maxFrameRetries, csmaCaEnabled);
  }

  @Override
  public String toString() {
    return "TransmitRequest[" + psdu.length + " bytes, channel " + channel + ", backoffs "
        + maxCsmaBackoffs + ", retries " + maxFrameRetries + ", csma " + csmaCaEnabled + "]";
  }
}
