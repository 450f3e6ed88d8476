package net.iotgw.protocols.pana.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import net.iotgw.protocols.eap.EapKeys;
import net.iotgw.protocols.eap.psk.EapPskPeer;
import net.iotgw.protocols.eap.psk.EapPskServer;
import net.iotgw.protocols.eap.psk.Psk;
import net.iotgw.protocols.eap.psk.PskOutput;
import net.iotgw.protocols.eap.psk.PskStep;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.pana.PanaEncryptionAlgorithm;

/**
 * A PaC and a PAA wired together through an in-memory link, with the embedded EAP-PSK server
 * behind the PAA's relay commands and the EAP-PSK peer behind the PaC's: the part an actor would
 * play, written as plainly as possible. {@link #lose} drops chosen messages in flight. Each
 * {@link PanaOutput.EapStart} starts a fresh peer or server with new random values, as a
 * re-authentication needs; {@link #peerSilent} makes the PaC's peer ignore requests.
 */
final class PanaPair {
  static final byte[] ID_P = "cd-0001".getBytes();
  static final byte[] ID_S = "gateway".getBytes();
  static final long LIFETIME = 3600;

  final Random random = new Random(7);
  long now = 1_000_000;
  PaaEngine.State paa;
  PacEngine.State pac;
  EapPskServer.State server;
  EapPskPeer.State peer;
  Psk serverPsk;
  final Psk peerPsk;
  boolean peerSilent;
  int eapRuns;
  final List<PanaOutput> paaSaw = new ArrayList<>();
  final List<PanaOutput> pacSaw = new ArrayList<>();
  final List<byte[]> paaSent = new ArrayList<>();
  final List<byte[]> pacSent = new ArrayList<>();
  final Map<PanaOutput.Timer, Long> paaTimers = new EnumMap<>(PanaOutput.Timer.class);
  final Map<PanaOutput.Timer, Long> pacTimers = new EnumMap<>(PanaOutput.Timer.class);
  final Deque<byte[]> toPaa = new ArrayDeque<>();
  final Deque<byte[]> toPac = new ArrayDeque<>();
  Predicate<byte[]> lose = m -> false;
  /** The PaC owner's judgement of the PAA's deliveries. */
  DeliveryVerdict verdict = DeliveryVerdict.ACCEPT;
  EapKeys serverKeys;
  EapKeys peerKeys;

  PanaPair(byte[] serverKey, byte[] peerKey) {
    this(serverKey, peerKey, List.of(PanaEncryptionAlgorithm.AES128_CTR),
        List.of(PanaEncryptionAlgorithm.AES128_CTR));
  }

  PanaPair(byte[] serverKey, byte[] peerKey, List<PanaEncryptionAlgorithm> paaOffers,
      List<PanaEncryptionAlgorithm> pacAccepts) {
    serverPsk = new Psk(serverKey);
    peerPsk = new Psk(peerKey);
    paa = PaaEngine.create(new PaaEngine.Config(
        List.of(PrfAlgorithm.PRF_HMAC_SHA2_256),
        List.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128), paaOffers,
        RetransmitPolicy.REQUEST, 0x1234, 0x100, bytes(16, 0xa0), 1));
    pac = PacEngine.create(new PacEngine.Config(
        List.of(PrfAlgorithm.PRF_HMAC_SHA2_256),
        List.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128), pacAccepts,
        RetransmitPolicy.REQUEST, 0x900, bytes(16, 0xc0),
        PacEngine.DEFAULT_EAP_RESPONSE_TIMEOUT_MILLIS));
  }

  static byte[] bytes(int n, int first) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  void startFromPac() {
    onPac(PacEngine.start(pac, now, random));
    run();
  }

  /** Delivers every message in flight until both links are quiet. */
  void run() {
    while (!toPaa.isEmpty() || !toPac.isEmpty()) {
      if (!toPaa.isEmpty()) {
        onPaa(PaaEngine.receive(paa, toPaa.poll(), now, random));
      }
      if (!toPac.isEmpty()) {
        onPac(PacEngine.receive(pac, toPac.poll(), now, random, verdict));
      }
    }
  }

  /** Advances the clock to the earliest armed timer, fires it, and runs the links. */
  void fireNextTimer() {
    long paaAt = paaTimers.values().stream().min(Long::compare).orElse(Long.MAX_VALUE);
    long pacAt = pacTimers.values().stream().min(Long::compare).orElse(Long.MAX_VALUE);
    if (paaAt <= pacAt) {
      now = paaAt;
      PanaOutput.Timer t = key(paaTimers, paaAt);
      paaTimers.remove(t);
      onPaa(PaaEngine.timer(paa, t, now, random));
    } else {
      now = pacAt;
      PanaOutput.Timer t = key(pacTimers, pacAt);
      pacTimers.remove(t);
      onPac(PacEngine.timer(pac, t, now, random));
    }
    run();
  }

  private static PanaOutput.Timer key(Map<PanaOutput.Timer, Long> m, long at) {
    return m.entrySet().stream().filter(e -> e.getValue() == at).findFirst().orElseThrow().getKey();
  }

  void onPaa(PanaStep<PaaEngine.State> step) {
    paa = step.state();
    for (PanaOutput o : step.outputs()) {
      paaSaw.add(o);
      if (o instanceof PanaOutput.Send s) {
        paaSent.add(s.message());
        if (!lose.test(s.message())) {
          toPac.add(s.message());
        }
      } else if (o instanceof PanaOutput.Arm a) {
        paaTimers.put(a.timer(), a.atMillis());
      } else if (o instanceof PanaOutput.Disarm d) {
        paaTimers.remove(d.timer());
      } else if (o instanceof PanaOutput.EapStart) {
        eapRuns++;
        relay(EapPskServer.start(ID_S, eapRuns, bytes(16, 0x30 + eapRuns)));
      } else if (o instanceof PanaOutput.EapReceived e) {
        relay(EapPskServer.receive(server, e.eap(),
            id -> Optional.of(new Psk(serverPsk.key()))));
      }
    }
  }

  /** The Aaa actor's part: the embedded authenticator's verdict becomes a PAA command. */
  private void relay(PskStep<EapPskServer.State> step) {
    server = step.state();
    byte[] eap = null;
    for (PskOutput o : step.outputs()) {
      if (o instanceof PskOutput.Send s) {
        eap = s.eapPacket();
      } else if (o instanceof PskOutput.Authenticated a) {
        serverKeys = a.keys();
      }
    }
    if (eap == null) {
      return;
    }
    if (server instanceof EapPskServer.Accepted) {
      onPaa(PaaEngine.eapSuccess(paa, eap, serverKeys.msk(), LIFETIME, now, random));
    } else if (server instanceof EapPskServer.Rejected) {
      onPaa(PaaEngine.eapFailure(paa, eap, now, random));
    } else {
      onPaa(PaaEngine.eapToPac(paa, eap, now, random));
    }
  }

  void onPac(PanaStep<PacEngine.State> step) {
    pac = step.state();
    for (PanaOutput o : step.outputs()) {
      pacSaw.add(o);
      if (o instanceof PanaOutput.Send s) {
        pacSent.add(s.message());
        if (!lose.test(s.message())) {
          toPaa.add(s.message());
        }
      } else if (o instanceof PanaOutput.Arm a) {
        pacTimers.put(a.timer(), a.atMillis());
      } else if (o instanceof PanaOutput.Disarm d) {
        pacTimers.remove(d.timer());
      } else if (o instanceof PanaOutput.EapStart) {
        peer = EapPskPeer.start(ID_P, new Psk(peerPsk.key()), bytes(16, 0x50 + eapRuns));
      } else if (o instanceof PanaOutput.EapReceived e && !peerSilent) {
        PskStep<EapPskPeer.State> ps = EapPskPeer.receive(peer, e.eap());
        peer = ps.state();
        for (PskOutput po : ps.outputs()) {
          if (po instanceof PskOutput.Send s) {
            onPac(PacEngine.eapToPaa(pac, s.eapPacket()));
          } else if (po instanceof PskOutput.Authenticated a) {
            peerKeys = a.keys();
            onPac(PacEngine.eapKeys(pac, peerKeys.msk(), now));
          }
        }
      }
    }
  }
}
