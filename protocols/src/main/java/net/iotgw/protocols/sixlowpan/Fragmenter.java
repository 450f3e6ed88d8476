package net.iotgw.protocols.sixlowpan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.iotgw.protocols.wire.Decoded;

/**
 * Splits a 6LoWPAN datagram into link fragments (RFC 4944 §5.3). The compressed header goes whole
 * into the first fragment (RFC 6282 §2); every fragment but the last stands for a multiple of 8
 * bytes of the uncompressed packet, so that the next one's datagram_offset can name where it
 * starts.
 */
public final class Fragmenter {
  private Fragmenter() {}

  /**
   * @param datagram a 6LoWPAN datagram, as {@link IphcCompressor#compress} makes it
   * @param tag the datagram_tag: the caller's counter, one value per fragmented datagram and link
   *     source, so that it does not repeat within the receiver's reassembly timeout
   * @param maxFramePayload the bytes a frame has for 6LoWPAN: 127 minus the MAC header, auxiliary
   *     security header, MIC and FCS
   * @return the frame payloads: the datagram itself if it fits one frame, else FRAG1 then FRAGNs
   * @throws IllegalArgumentException for a datagram that is not one, stands for more than 2047
   *     bytes of IPv6 (more than a link MTU of 1280 should ever let through), or a frame payload
   *     too small for the header and 8 bytes of data
   */
  public static List<byte[]> fragment(byte[] datagram, int tag, int maxFramePayload) {
    if (datagram.length <= maxFramePayload) {
      return List.of(datagram.clone());
    }
    Decoded<HeaderSizes> measured = IphcDecompressor.measure(datagram, 0, datagram.length);
    if (measured instanceof Decoded.Failed<HeaderSizes> failed) {
      throw new IllegalArgumentException("not a 6LoWPAN datagram: " + failed.error());
    }
    HeaderSizes h = measured.orThrow();
    int size = h.uncompressed() + datagram.length - h.compressed();
    if (size > Fragment.MAX_DATAGRAM_SIZE) {
      throw new IllegalArgumentException(size + " bytes of IPv6 exceed datagram_size's 11 bits");
    }
    int perFragmentN = (maxFramePayload - Fragment.SUBSEQUENT_HEADER) & ~7;
    int firstEnd =
        (h.uncompressed() + maxFramePayload - Fragment.FIRST_HEADER - h.compressed()) & ~7;
    if (perFragmentN < 8 || firstEnd < h.uncompressed()) {
      throw new IllegalArgumentException(
          maxFramePayload + "-byte frames cannot carry a " + h.compressed() + "-byte header");
    }
    List<byte[]> frames = new ArrayList<>();
    int firstLength = h.compressed() + firstEnd - h.uncompressed();
    byte[] first = Arrays.copyOf(datagram, firstLength);
    frames.add(new FirstFragment(size, tag, first, h).encode());
    // Uncompressed offset o lies at o - uncompressed + compressed in the datagram.
    int shift = h.compressed() - h.uncompressed();
    for (int offset = firstEnd; offset < size; offset += perFragmentN) {
      int n = Math.min(perFragmentN, size - offset);
      byte[] part = Arrays.copyOfRange(datagram, offset + shift, offset + shift + n);
      frames.add(new SubsequentFragment(size, tag, offset / 8, part).encode());
    }
    return frames;
  }
}
