package net.iotgw.protocols.radius;

import java.util.Optional;

/**
 * Hands out (socket, identifier) slots. The 8-bit Identifier (RFC 2865 §3) lets a client have at
 * most 256 requests outstanding per source socket, so thousands of concurrent EAP sessions need
 * several sockets; this pool spreads requests over them and never gives out a slot twice while it
 * is in flight. Within a socket identifiers advance round-robin, so a just-released identifier is
 * not reused at once and a late answer to it is unlikely to match a new request.
 */
public final class IdentifierPool {

  /** One in-flight request's place: which socket it leaves from and its Identifier. */
  public record Slot(int socket, int identifier) {}

  private final boolean[][] used;
  private final int[] next;
  private final int[] inUse;
  private int nextSocket;
  private int inFlight;

  public IdentifierPool(int sockets) {
    if (sockets < 1) {
      throw new IllegalArgumentException("at least one socket");
    }
    used = new boolean[sockets][256];
    next = new int[sockets];
    inUse = new int[sockets];
  }

  public int sockets() {
    return used.length;
  }

  public int inFlight() {
    return inFlight;
  }

  public int capacity() {
    return used.length * 256;
  }

  /** A free slot, or empty when all sockets have 256 requests outstanding. */
  public Optional<Slot> allocate() {
    for (int k = 0; k < used.length; k++) {
      int s = (nextSocket + k) % used.length;
      if (inUse[s] == 256) {
        continue;
      }
      for (int j = 0; j < 256; j++) {
        int id = (next[s] + j) & 0xff;
        if (!used[s][id]) {
          used[s][id] = true;
          next[s] = (id + 1) & 0xff;
          inUse[s]++;
          inFlight++;
          nextSocket = (s + 1) % used.length;
          return Optional.of(new Slot(s, id));
        }
      }
    }
    return Optional.empty();
  }

  public boolean isInFlight(Slot slot) {
    return inRange(slot) && used[slot.socket()][slot.identifier()];
  }

  /** Frees a slot on answer or final timeout; false if it was not in flight. */
  public boolean release(Slot slot) {
    if (!isInFlight(slot)) {
      return false;
    }
    used[slot.socket()][slot.identifier()] = false;
    inUse[slot.socket()]--;
    inFlight--;
    return true;
  }

  private boolean inRange(Slot slot) {
    return slot.socket() >= 0
        && slot.socket() < used.length
        && slot.identifier() >= 0
        && slot.identifier() < 256;
  }
}
