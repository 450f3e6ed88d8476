package net.iotgw.radio.emulator;

import java.util.List;

/**
 * A simulated device on the {@link RadioMedium}: the SPI that simulated CDs implement (in
 * load-tests). Attach it with {@link RadioMedium#attach(RadioNode)}, which returns the {@link
 * NodeHandle} it uses to transmit on its own initiative.
 *
 * <p>Every PSDU here includes its two FCS bytes, as on the air. Frames given to {@link #onFrame}
 * carry a valid FCS; in frames a node transmits the FCS bytes may be anything (zeros): the medium
 * computes them, as a radio does.
 */
public interface RadioNode {

  /** The node's EUI-64, canonical order; frames to this extended address are delivered. */
  long extendedAddress();

  /**
   * The node's short address, or 0xFFFE (none). Frames to it, and to 0xFFFF, are delivered. Both
   * addresses are read once, when the node is attached.
   */
  int shortAddress();

  /**
   * A frame for this node (by address or broadcast) has finished arriving. Returns the frames to
   * transmit in answer (an empty list for none), each queued on this node's transmit queue like
   * {@link NodeHandle#transmit}; a full queue drops them.
   *
   * <p>Called on the medium's delivery thread, one frame at a time for all nodes: keep it short and
   * non-blocking. An exception is logged and counted, and the frame is treated as consumed.
   */
  List<byte[]> onFrame(byte[] psdu);
}
