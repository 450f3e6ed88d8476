package net.iotgw.protocols.sixlowpan;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import net.iotgw.protocols.wire.Decoded;

/**
 * Reassembles 6LoWPAN datagrams from link fragments (RFC 4944 §5.3): keyed by link sender,
 * receiver, datagram_size and datagram_tag; a datagram not complete within the timeout (at most 60
 * s) is dropped; a fragment that overlaps one already held with another offset or size discards
 * what was held and starts a fresh reassembly. What comes out is the 6LoWPAN datagram, ready for
 * {@link IphcDecompressor#decompress} with the key's link addresses.
 *
 * <p>Immutable: {@link #accept} returns the reassembler that follows with what became of the
 * fragment, so one stream stage or actor can own it as a value. Time is a parameter.
 *
 * <p>Bounded: at most {@code maxReassemblies} datagrams in progress and {@code maxBytes} of
 * fragment payload held across them. A fragment of a new datagram beyond either limit is dropped,
 * so those in progress can finish; a fragment that would take a datagram in progress past the byte
 * limit drops that datagram too, since it could no longer complete.
 */
public final class Reassembler {
  /** RFC 4944 §5.3: the reassembly timeout is at most 60 seconds. */
  public static final long MAX_TIMEOUT_MILLIS = 60_000;

  private final int maxReassemblies;
  private final int maxBytes;
  private final long timeoutMillis;
  private final Map<DatagramKey, PartialDatagram> partials;
  private final int held;

  /** With the 60 s timeout of RFC 4944 §5.3. */
  public Reassembler(int maxReassemblies, int maxBytes) {
    this(maxReassemblies, maxBytes, MAX_TIMEOUT_MILLIS);
  }

  public Reassembler(int maxReassemblies, int maxBytes, long timeoutMillis) {
    this(maxReassemblies, maxBytes, timeoutMillis, Map.of(), 0);
    if (maxReassemblies < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (timeoutMillis < 1 || timeoutMillis > MAX_TIMEOUT_MILLIS) {
      throw new IllegalArgumentException("timeout " + timeoutMillis + " ms, at most 60 s");
    }
  }

  private Reassembler(
      int maxReassemblies,
      int maxBytes,
      long timeoutMillis,
      Map<DatagramKey, PartialDatagram> partials,
      int held) {
    this.maxReassemblies = maxReassemblies;
    this.maxBytes = maxBytes;
    this.timeoutMillis = timeoutMillis;
    this.partials = partials;
    this.held = held;
  }

  /** What one fragment did. */
  public sealed interface Outcome {
    DatagramKey key();
  }

  /** Held; {@code covered} of the datagram's {@code key().datagramSize()} bytes are in. */
  public record Pending(DatagramKey key, int covered) implements Outcome {}

  /** The datagram is whole: IPHC (or IPv6 dispatch) header and payload. */
  public record Complete(DatagramKey key, byte[] datagram) implements Outcome {
    public Complete {
      datagram = datagram.clone();
    }

    @Override
    public byte[] datagram() {
      return datagram.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Complete c && key.equals(c.key) && Arrays.equals(datagram, c.datagram);
    }

    @Override
    public int hashCode() {
      return key.hashCode() * 31 + Arrays.hashCode(datagram);
    }

    @Override
    public String toString() {
      return "Complete[" + key + ", " + datagram.length + " bytes]";
    }
  }

  /**
   * The fragment overlapped one held with another offset or size: what was held is discarded and
   * this fragment began a fresh reassembly (RFC 4944 §5.3).
   */
  public record Restarted(DatagramKey key) implements Outcome {}

  /** Not kept. */
  public record Dropped(DatagramKey key, Reason reason) implements Outcome {}

  public enum Reason {
    /** Same offset and size as a fragment held: a retransmission. */
    DUPLICATE,
    /** A new datagram while {@code maxReassemblies} are in progress. */
    TOO_MANY_REASSEMBLIES,
    /** Holding it would pass {@code maxBytes}; a datagram in progress is dropped with it. */
    TOO_MANY_BYTES
  }

  /** The reassembler after a fragment, and what became of the fragment. */
  public record Step(Reassembler reassembler, Outcome outcome) {}

  /**
   * Decodes a frame payload that starts with a fragmentation header and takes it in. A malformed
   * one gives {@link Decoded.Failed} and changes nothing.
   */
  public Decoded<Step> accept(
      LinkAddress source, LinkAddress destination, byte[] framePayload, long nowMillis) {
    return Fragment.decode(framePayload).map(f -> accept(source, destination, f, nowMillis));
  }

  /** Takes in one fragment received at {@code nowMillis}, after dropping expired datagrams. */
  public Step accept(LinkAddress source, LinkAddress destination, Fragment f, long nowMillis) {
    Reassembler r = expire(nowMillis);
    DatagramKey key = new DatagramKey(source, destination, f.datagramSize(), f.tag());
    PartialDatagram p = r.partials.get(key);
    if (p == null) {
      return r.start(key, f, nowMillis, false);
    }
    return switch (p.fit(f)) {
      case DUPLICATE -> new Step(r, new Dropped(key, Reason.DUPLICATE));
      case MISMATCH -> r.without(key).start(key, f, nowMillis, true);
      case NEW -> {
        if ((long) r.held + f.payloadLength() > maxBytes) {
          yield new Step(r.without(key), new Dropped(key, Reason.TOO_MANY_BYTES));
        }
        yield r.store(key, p.plus(f));
      }
    };
  }

  /** This reassembler without the datagrams whose timer ran out by {@code nowMillis}. */
  public Reassembler expire(long nowMillis) {
    Map<DatagramKey, PartialDatagram> kept = new LinkedHashMap<>();
    int bytes = 0;
    for (Map.Entry<DatagramKey, PartialDatagram> e : partials.entrySet()) {
      if (nowMillis - e.getValue().startedAt() < timeoutMillis) {
        kept.put(e.getKey(), e.getValue());
        bytes += e.getValue().held();
      }
    }
    if (kept.size() == partials.size()) {
      return this;
    }
    return with(kept, bytes);
  }

  /** Datagrams in progress. */
  public int inProgress() {
    return partials.size();
  }

  /** Bytes of fragment payload held. */
  public int bytesHeld() {
    return held;
  }

  private Step start(DatagramKey key, Fragment f, long now, boolean restart) {
    if (partials.size() >= maxReassemblies) {
      return new Step(this, new Dropped(key, Reason.TOO_MANY_REASSEMBLIES));
    }
    if ((long) held + f.payloadLength() > maxBytes) {
      return new Step(this, new Dropped(key, Reason.TOO_MANY_BYTES));
    }
    Step s = store(key, PartialDatagram.of(f, now));
    return restart && s.outcome() instanceof Pending
        ? new Step(s.reassembler(), new Restarted(key))
        : s;
  }

  private Step store(DatagramKey key, PartialDatagram p) {
    Reassembler base = without(key);
    if (p.isComplete(key.datagramSize())) {
      return new Step(base, new Complete(key, p.assemble()));
    }
    Map<DatagramKey, PartialDatagram> next = new LinkedHashMap<>(base.partials);
    next.put(key, p);
    return new Step(base.with(next, base.held + p.held()), new Pending(key, p.covered()));
  }

  private Reassembler without(DatagramKey key) {
    PartialDatagram p = partials.get(key);
    if (p == null) {
      return this;
    }
    Map<DatagramKey, PartialDatagram> next = new LinkedHashMap<>(partials);
    next.remove(key);
    return with(next, held - p.held());
  }

  private Reassembler with(Map<DatagramKey, PartialDatagram> next, int bytes) {
    return new Reassembler(
        maxReassemblies, maxBytes, timeoutMillis, Collections.unmodifiableMap(next), bytes);
  }

  @Override
  public String toString() {
    return "Reassembler[" + partials.size() + " in progress, " + held + " bytes held]";
  }
}
