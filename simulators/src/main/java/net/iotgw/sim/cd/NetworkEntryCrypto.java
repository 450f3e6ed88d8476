package net.iotgw.sim.cd;

import java.util.List;
import net.iotgw.protocols.eap.psk.EapPskPeer;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaAuth;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.engine.Channel;
import net.iotgw.protocols.pana.engine.Keying;
import net.iotgw.protocols.pana.engine.OpenSession;
import net.iotgw.protocols.pana.engine.PacEngine;
import net.iotgw.protocols.pana.engine.PacReauthentication;
import net.iotgw.protocols.wire.Decoded;

/**
 * The cryptographic operations of a CD's network entry, counted from what its engines did: the
 * engines are pure and count nothing, so each rule here restates what a step computes by its RFC.
 *
 * <ul>
 *   <li>EAP-PSK (RFC 4764), from the peer's state before and after a step: message 1 costs the
 *       long-term keys (3 AES blocks, §3.1) and MAC_P (one CMAC, §5.2); message 3 the check of
 *       MAC_S (one CMAC), the session keys (10 blocks, §3.2), the PCHANNEL opened (one EAX open)
 *       and the answer's sealed (one EAX seal), as far as the step got.
 *   <li>PANA (RFC 5191 §5.3): one HMAC per received message whose AUTH the PaC checks (a key is
 *       held, the session is ours, it carries exactly one AUTH of the right length), one per new
 *       message it signs (retransmissions and repeated answers are resent as they were, at no
 *       cost), the deriving of PANA_AUTH_KEY and of the RFC 6786 keys (their prf+ blocks) with the
 *       check of the PAR with C once the MSK is there, and one AES-CTR decryption per delivery.
 *   <li>The link key: the PEMK's prf+ blocks (RFC 5807 §3).
 * </ul>
 *
 * One case is counted short: during a re-authentication, a retransmitted PAR with C that arrives
 * after the new keys exist is checked under both keys, counted once.
 */
final class NetworkEntryCrypto {
  /** RFC 4764 §3.1: B, then AK and KDK. */
  static final int LONG_TERM_KEY_BLOCKS = 3;

  /** RFC 4764 §3.2: B, then TEK, 4 blocks of MSK, 4 of EMSK. */
  static final int SESSION_KEY_BLOCKS = 10;

  /** RFC 5807 §3: the PEMK is 64 octets. */
  static final int PEMK_LENGTH = 64;

  private NetworkEntryCrypto() {}

  /** One step of the EAP-PSK peer, from {@code before} to {@code after}. */
  static void eapPsk(EapPskPeer.State before, EapPskPeer.State after, CdCounters c) {
    if (before instanceof EapPskPeer.AwaitingFirst && after instanceof EapPskPeer.AwaitingThird) {
      c.crypto(CryptoOperation.AES_BLOCK, LONG_TERM_KEY_BLOCKS);
      c.crypto(CryptoOperation.AES_CMAC);
      return;
    }
    if (!(before instanceof EapPskPeer.AwaitingThird)) {
      return;
    }
    int reached; // 1 MAC_S checked, 2 PCHANNEL opened, 3 the answer sealed
    if (after instanceof EapPskPeer.AwaitingResult) {
      reached = 3;
    } else if (after instanceof EapPskPeer.Failed f) {
      reached = switch (f.reason()) {
        case BAD_MAC_S -> 1;
        case BAD_PCHANNEL, PCHANNEL_UNSUPPORTED -> 2;
        case RESULT_FAILURE -> 3;
        default -> 0; // EAP-Failure instead of message 3
      };
    } else {
      return;
    }
    if (reached >= 1) {
      c.crypto(CryptoOperation.AES_CMAC);
    }
    if (reached >= 2) {
      c.crypto(CryptoOperation.AES_BLOCK, SESSION_KEY_BLOCKS);
      c.crypto(CryptoOperation.AEAD_OPEN);
    }
    if (reached >= 3) {
      c.crypto(CryptoOperation.AEAD_SEAL);
    }
  }

  /** A PANA message received in state {@code before}: its AUTH checked if a key is held. */
  static void panaReceived(PacEngine.State before, byte[] wire, CdCounters c) {
    Channel channel = channel(before);
    if (channel == null || channel.key() == null) {
      return;
    }
    if (PanaCodec.decode(wire) instanceof Decoded.Ok<PanaMessage> ok
        && ok.value().header().sessionId() == channel.sessionId()
        && carriesAuth(ok.value(), channel.key().integrity())) {
      c.crypto(CryptoOperation.HMAC);
    }
  }

  /** A new PANA message sent: signed if it carries AUTH. */
  static void panaSent(byte[] wire, CdCounters c) {
    if (PanaCodec.decode(wire) instanceof Decoded.Ok<PanaMessage> ok
        && !ok.value().all(Avp.Auth.class).isEmpty()) {
      c.crypto(CryptoOperation.HMAC);
    }
  }

  /**
   * The MSK given to the PaC in {@code before}: PANA_AUTH_KEY and, if negotiated, both RFC 6786
   * keys derived, and the waiting PAR with C checked.
   */
  static void panaKeys(PacEngine.State before, CdCounters c) {
    Keying k;
    if (before instanceof PacEngine.AwaitingEapResult r) {
      k = r.keying();
    } else if (before instanceof PacReauthentication.AwaitingEapResult r) {
      k = r.keying();
    } else {
      return;
    }
    int out = Prf.of(k.prf()).outputLength();
    int blocks = blocks(PanaAuth.keyLength(k.integrity()), out);
    if (k.encryption() != null) {
      blocks += 2 * blocks(k.encryption().keyLength(), out); // PaC's and PAA's
    }
    c.crypto(CryptoOperation.PRF, blocks);
    c.crypto(CryptoOperation.HMAC);
  }

  /** The Encryption-Encap AVP of a delivery, decrypted (RFC 6786 §4.1). */
  static void delivered(CdCounters c) {
    c.crypto(CryptoOperation.CIPHER);
  }

  /** The PEMK behind a link key (RFC 5807 §3). */
  static void linkKey(PrfAlgorithm prf, CdCounters c) {
    c.crypto(CryptoOperation.PRF, blocks(PEMK_LENGTH, Prf.of(prf).outputLength()));
  }

  private static boolean carriesAuth(PanaMessage m, IntegrityAlgorithm integrity) {
    List<Avp.Auth> auth = m.all(Avp.Auth.class);
    return auth.size() == 1 && auth.get(0).value().length == PanaAuth.valueLength(integrity);
  }

  private static int blocks(int length, int blockLength) {
    return (length + blockLength - 1) / blockLength;
  }

  /** The channel of every PaC state that has one (the engine's HasChannel is not public). */
  private static Channel channel(PacEngine.State s) {
    if (s instanceof PacEngine.AwaitingStart a) {
      return a.channel();
    } else if (s instanceof PacEngine.Authenticating a) {
      return a.channel();
    } else if (s instanceof PacEngine.AwaitingEapResponse a) {
      return a.channel();
    } else if (s instanceof PacEngine.AwaitingEapResult a) {
      return a.channel();
    } else if (s instanceof OpenSession.Open a) {
      return a.channel();
    } else if (s instanceof OpenSession.Terminating a) {
      return a.channel();
    } else if (s instanceof PacReauthentication.Requested a) {
      return a.channel();
    } else if (s instanceof PacReauthentication.Reauthenticating a) {
      return a.channel();
    } else if (s instanceof PacReauthentication.AwaitingEapResponse a) {
      return a.channel();
    } else if (s instanceof PacReauthentication.AwaitingEapResult a) {
      return a.channel();
    }
    return null;
  }
}
