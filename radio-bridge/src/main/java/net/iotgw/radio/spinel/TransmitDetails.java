package net.iotgw.radio.spinel;

import java.util.Optional;

/**
 * What follows the status in the LAST_STATUS that completes a STREAM_RAW transmit (OpenThread
 * {@code NcpBase::LinkRawTransmitDone}: {@code i b b}, then on success the ACK as a radio frame).
 * A LAST_STATUS that rejects the transmit outright carries none of this.
 *
 * @param framePending the ACK had its frame pending bit set
 * @param headerUpdated the radio rewrote the MAC header (security or IEs processed on the RCP)
 * @param ack the ACK as reported, when the RCP included one; an RCP reports "no ACK" (a frame that
 *     did not ask for one) as a frame with an empty PSDU
 */
public record TransmitDetails(
    boolean framePending, boolean headerUpdated, Optional<ReceivedFrame> ack) {

  public TransmitDetails {
    ack = java.util.Objects.requireNonNull(ack);
  }
}
