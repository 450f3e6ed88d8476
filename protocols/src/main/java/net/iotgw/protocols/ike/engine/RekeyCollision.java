package net.iotgw.protocols.ike.engine;

import java.util.Arrays;

/**
 * Simultaneous rekeys of one SA from both sides (RFC 7296 §2.8.1 for CHILD_SAs, §2.8.2 for the IKE
 * SA): each exchange creates a new SA; the one created with the lowest of the four nonces is
 * redundant and deleted by the side that initiated its exchange, the other replaces the old SA,
 * which the winner's initiator deletes. Both sides compare the same values, so they agree.
 */
final class RekeyCollision {
  private RekeyCollision() {}

  /** The lower of an exchange's two nonces, as unsigned octet strings. */
  static byte[] lower(byte[] ni, byte[] nr) {
    return Arrays.compareUnsigned(ni, nr) <= 0 ? ni.clone() : nr.clone();
  }

  /** Whether our exchange, with lower nonce {@code ours}, made the redundant SA. */
  static boolean lost(byte[] ours, byte[] theirs) {
    return Arrays.compareUnsigned(ours, theirs) < 0;
  }
}
