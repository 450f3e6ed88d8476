package net.iotgw.protocols.eap.psk;

/**
 * The four EAP-PSK messages (RFC 4764 §5.1-5.4), told apart by the T field of the Flags octet.
 * Identities are NAIs as raw octets. Fixed fields are 16 octets each (RAND_S, RAND_P, MAC_P,
 * MAC_S); {@link PskCodec} checks this on decode and on encode.
 */
public sealed interface PskMessage {

  /** The T value of this message (0..3). */
  int t();

  /** RAND_S, echoed in every message so that the server can find the session. */
  byte[] randS();

  /** §5.1, server to peer: T = 0. */
  record First(byte[] randS, byte[] idS) implements PskMessage {
    @Override
    public int t() {
      return 0;
    }
  }

  /** §5.2, peer to server: T = 1. */
  record Second(byte[] randS, byte[] randP, byte[] macP, byte[] idP) implements PskMessage {
    @Override
    public int t() {
      return 1;
    }
  }

  /** §5.3, server to peer: T = 2. */
  record Third(byte[] randS, byte[] macS, PChannel pchannel) implements PskMessage {
    @Override
    public int t() {
      return 2;
    }
  }

  /** §5.4, peer to server: T = 3. */
  record Fourth(byte[] randS, PChannel pchannel) implements PskMessage {
    @Override
    public int t() {
      return 3;
    }
  }
}
