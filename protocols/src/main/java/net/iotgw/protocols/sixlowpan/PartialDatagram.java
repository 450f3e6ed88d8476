package net.iotgw.protocols.sixlowpan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fragments of one datagram received so far, by increasing offset, none overlapping. Immutable:
 * {@link #plus} returns the next state. Holds only what arrived: nothing is allocated from
 * datagram_size, which an attacker chooses.
 *
 * @param startedAt when its first fragment arrived, which starts the reassembly timer (RFC 4944
 *     §5.3)
 * @param covered bytes of the uncompressed datagram the fragments stand for
 * @param held bytes of fragment payload held
 */
record PartialDatagram(long startedAt, List<Fragment> fragments, int covered, int held) {

  enum Fit {
    /** Overlaps nothing held. */
    NEW,
    /** Same offset and extent as one held: a retransmission. */
    DUPLICATE,
    /** Overlaps one held with another offset or extent (RFC 4944 §5.3). */
    MISMATCH
  }

  static PartialDatagram of(Fragment f, long now) {
    return new PartialDatagram(now, List.of(f), f.extent(), f.payloadLength());
  }

  Fit fit(Fragment f) {
    int start = f.offset();
    int end = start + f.extent();
    for (Fragment g : fragments) {
      int gs = g.offset();
      int ge = gs + g.extent();
      if (start < ge && gs < end) {
        return gs == start && ge == end ? Fit.DUPLICATE : Fit.MISMATCH;
      }
    }
    return Fit.NEW;
  }

  /** With {@code f}, which must {@link Fit#NEW fit}. */
  PartialDatagram plus(Fragment f) {
    List<Fragment> next = new ArrayList<>(fragments.size() + 1);
    next.addAll(fragments);
    int at = 0;
    while (at < next.size() && next.get(at).offset() < f.offset()) {
      at++;
    }
    next.add(at, f);
    return new PartialDatagram(startedAt, Collections.unmodifiableList(next),
        covered + f.extent(), held + f.payloadLength());
  }

  /**
   * Fragments lie within datagram_size and do not overlap, so covering it all means no gap; and
   * only a first fragment can start at 0, so the header is there.
   */
  boolean isComplete(int datagramSize) {
    return covered == datagramSize;
  }

  /** The 6LoWPAN datagram: the first fragment's header and data, then the others' data. */
  byte[] assemble() {
    byte[] out = new byte[held];
    int at = 0;
    for (Fragment f : fragments) {
      byte[] p = f instanceof FirstFragment ff
          ? ff.payloadBytes()
          : ((SubsequentFragment) f).payloadBytes();
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
