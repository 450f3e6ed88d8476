package net.iotgw.sim.cd;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import net.iotgw.protocols.eap.EapKeys;
import net.iotgw.protocols.eap.psk.EapPskPeer;
import net.iotgw.protocols.eap.psk.PskOutput;
import net.iotgw.protocols.eap.psk.PskStep;

/**
 * A CD's EAP-PSK peer (RFC 4764) as PANA carries it: the peer's state for the EAP run under way,
 * and the keys of the last successful one, which the PaC keeps for the session to key its link
 * (RFC 5807) and to re-key it after a re-authentication. What its outputs become in PANA is the
 * {@link NetworkEntry}'s business.
 *
 * <p>Confined to its CD's thread; randomness (RAND_P) is the CD's.
 */
final class CdEapPeer {
  private final CdCredentials credentials;
  private final RandomGenerator random;
  private final CdCounters counters;
  private EapPskPeer.State peer;
  /** The MSK from EAP-PSK: kept for the session, as a PaC keeps it to key its EPs (RFC 5807). */
  private EapKeys keys;

  CdEapPeer(CdCredentials credentials, RandomGenerator random, CdCounters counters) {
    this.credentials = credentials;
    this.random = random;
    this.counters = counters;
  }

  /** A fresh peer for a new join, with the RAND_P its caller drew (in the join's order). */
  void start(byte[] randP) {
    peer = EapPskPeer.start(credentials.identityBytes(), credentials.psk(), randP);
  }

  /**
   * The PaC reports EapStart at every EAP run; the first has its peer already, a re-authentication
   * (RFC 5191 §4.3) needs a fresh one.
   */
  void restart() {
    if (peer instanceof EapPskPeer.AwaitingFirst) {
      return;
    }
    byte[] randP = new byte[NetworkEntry.NONCE_LENGTH];
    random.nextBytes(randP);
    start(randP);
  }

  /** An EAP request from the PAA; returns what the peer does (EAP to send, keys it derived). */
  List<PskOutput> receive(byte[] eap) {
    if (peer == null) {
      return List.of();
    }
    PskStep<EapPskPeer.State> step = EapPskPeer.receive(peer, eap);
    NetworkEntryCrypto.eapPsk(peer, step.state(), counters);
    peer = step.state();
    return step.outputs();
  }

  /** The keys of a successful run replace the last ones, which are zeroed. */
  void authenticated(EapKeys fresh) {
    if (keys != null) {
      keys.destroy();
    }
    keys = fresh;
  }

  /** The keys of the last successful run, or null. */
  EapKeys keys() {
    return keys;
  }

  /** A copy of the MSK, for tests that compare it with the gateway's. */
  Optional<byte[]> msk() {
    return keys == null ? Optional.empty() : Optional.of(keys.msk().clone());
  }

  /** Drops the run under way, zeroing the keys its state holds. */
  void abandon() {
    if (peer instanceof EapPskPeer.AwaitingThird t) {
      t.keys().destroy();
    } else if (peer instanceof EapPskPeer.AwaitingResult r) {
      r.keys().destroy();
    }
    peer = null;
  }

  /** The run is over (the session ended or was abandoned). */
  void stop() {
    peer = null;
  }

  void clearKeys() {
    if (keys != null) {
      keys.destroy();
      keys = null;
    }
  }
}
