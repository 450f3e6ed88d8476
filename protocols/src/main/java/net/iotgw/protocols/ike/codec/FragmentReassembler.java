package net.iotgw.protocols.ike.codec;

import java.util.Arrays;

/**
 * Reassembles one fragmented IKE message from its SKF payloads (RFC 7383 §2.6.2), after each
 * fragment was decrypted and authenticated on its own. Immutable: {@link #accept} returns the
 * reassembler that follows with what happened, so it can live in an actor's state record.
 *
 * <p>It holds one message at a time, as an IKE SA with a window of one needs: an engine keeps one
 * for the requests it receives and one for the responses it awaits, and gives each only fragments
 * whose message ID it expects (RFC 7296 §2.2). A fragment of a newer message replaces an unfinished
 * older one; one of an older message is dropped, so a replayed old fragment cannot reset the work
 * in progress.
 *
 * <p>Bounded: a message may announce at most {@code maxFragments} fragments and hold at most {@code
 * maxTotalBytes} of plaintext; breaking either drops the message being reassembled.
 */
public final class FragmentReassembler {
  private static final long IDLE = -1;

  private final int maxFragments;
  private final int maxTotalBytes;
  private final long messageId;
  private final int firstPayloadType;

  /** Index = fragment number - 1; null where not yet received. Never mutated once shared. */
  private final byte[][] fragments;

  private final int received;
  private final int bytes;

  public FragmentReassembler(int maxFragments, int maxTotalBytes) {
    this(checkMax(maxFragments), checkBytes(maxTotalBytes), IDLE, -1, new byte[0][], 0, 0);
  }

  private FragmentReassembler(
      int maxFragments,
      int maxTotalBytes,
      long messageId,
      int firstPayloadType,
      byte[][] fragments,
      int received,
      int bytes) {
    this.maxFragments = maxFragments;
    this.maxTotalBytes = maxTotalBytes;
    this.messageId = messageId;
    this.firstPayloadType = firstPayloadType;
    this.fragments = fragments;
    this.received = received;
    this.bytes = bytes;
  }

  /** What one fragment did. */
  public sealed interface Outcome {}

  /** Stored; {@code received} of {@code total} fragments are in. */
  public record Pending(int received, int total) implements Outcome {}

  /** The whole SK plaintext, ready for {@link IkeDecoder#decodePayloads}. */
  public record Complete(long messageId, int firstPayloadType, byte[] plaintext)
      implements Outcome {
    public Complete {
      plaintext = plaintext.clone();
    }

    @Override
    public byte[] plaintext() {
      return plaintext.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Complete c
          && messageId == c.messageId
          && firstPayloadType == c.firstPayloadType
          && Arrays.equals(plaintext, c.plaintext);
    }

    @Override
    public int hashCode() {
      return (Long.hashCode(messageId) * 31 + firstPayloadType) * 31 + Arrays.hashCode(plaintext);
    }

    @Override
    public String toString() {
      return "Complete["
          + messageId
          + ", first="
          + firstPayloadType
          + ", "
          + plaintext.length
          + " bytes]";
    }
  }

  /** Not stored. */
  public record Dropped(Reason reason) implements Outcome {}

  public enum Reason {
    /** This fragment number is already in (a retransmission). */
    DUPLICATE,
    /** Fewer Total Fragments than the fragments already held: an older try (RFC 7383 §2.6.2). */
    SMALLER_TOTAL,
    /** A message ID below the one being reassembled. */
    OLDER_MESSAGE,
    /** Fragment Number 0 or above Total Fragments (RFC 7383 §2.6.2). */
    BAD_NUMBERING,
    /** Total Fragments above the limit; the message is dropped. */
    TOO_MANY_FRAGMENTS,
    /** The plaintext would exceed the byte limit; the message is dropped. */
    TOO_MANY_BYTES
  }

  /** The reassembler after a fragment, and what became of the fragment. */
  public record Step(FragmentReassembler reassembler, Outcome outcome) {}

  /**
   * @param messageId of the IKE message the fragment came in
   * @param firstPayloadType the SKF header's Next Payload field; used from fragment 1 only
   * @param plaintext this fragment's decrypted content, padding removed
   */
  public Step accept(
      long messageId,
      int fragmentNumber,
      int totalFragments,
      int firstPayloadType,
      byte[] plaintext) {
    FieldRange.u32(messageId, "message ID");
    if (fragmentNumber < 1 || fragmentNumber > totalFragments) {
      return dropped(this, Reason.BAD_NUMBERING);
    }
    boolean current = inProgress() && messageId == this.messageId;
    if (inProgress() && messageId < this.messageId) {
      return dropped(this, Reason.OLDER_MESSAGE);
    }
    if (totalFragments > maxFragments) {
      return dropped(current ? idle() : this, Reason.TOO_MANY_FRAGMENTS);
    }
    FragmentReassembler base = this;
    // A larger total means the sender re-fragmented for a smaller MTU: start over (RFC 7383
    // §2.6.2).
    if (!current || totalFragments > fragments.length) {
      base = start(messageId, totalFragments);
    } else if (totalFragments < fragments.length) {
      return dropped(this, Reason.SMALLER_TOTAL);
    }
    if (base.fragments[fragmentNumber - 1] != null) {
      return dropped(this, Reason.DUPLICATE);
    }
    if ((long) base.bytes + plaintext.length > maxTotalBytes) {
      return dropped(current ? idle() : this, Reason.TOO_MANY_BYTES);
    }
    byte[][] next = base.fragments.clone();
    next[fragmentNumber - 1] = plaintext.clone();
    int first = fragmentNumber == 1 ? firstPayloadType : base.firstPayloadType;
    int count = base.received + 1;
    int size = base.bytes + plaintext.length;
    if (count < next.length) {
      return new Step(
          new FragmentReassembler(maxFragments, maxTotalBytes, messageId, first, next, count, size),
          new Pending(count, next.length));
    }
    byte[] whole = new byte[size];
    int at = 0;
    for (byte[] f : next) {
      System.arraycopy(f, 0, whole, at, f.length);
      at += f.length;
    }
    return new Step(idle(), new Complete(messageId, first, whole));
  }

  /** Forgets the message being reassembled, e.g. when the exchange it belongs to is abandoned. */
  public FragmentReassembler idle() {
    return new FragmentReassembler(maxFragments, maxTotalBytes, IDLE, -1, new byte[0][], 0, 0);
  }

  public boolean inProgress() {
    return messageId != IDLE;
  }

  /** Plaintext bytes held for the message in progress. */
  public int bytesHeld() {
    return bytes;
  }

  private FragmentReassembler start(long id, int total) {
    return new FragmentReassembler(maxFragments, maxTotalBytes, id, -1, new byte[total][], 0, 0);
  }

  private static Step dropped(FragmentReassembler next, Reason reason) {
    return new Step(next, new Dropped(reason));
  }

  private static int checkMax(int maxFragments) {
    if (maxFragments < 1 || maxFragments > 0xffff) {
      throw new IllegalArgumentException("max fragments " + maxFragments);
    }
    return maxFragments;
  }

  private static int checkBytes(int maxTotalBytes) {
    if (maxTotalBytes < 0) {
      throw new IllegalArgumentException("max total bytes " + maxTotalBytes);
    }
    return maxTotalBytes;
  }
}
