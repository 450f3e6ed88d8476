package net.iotgw.load.entry;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.iotgw.protocols.eap.EapCodec;
import net.iotgw.protocols.eap.EapKeys;
import net.iotgw.protocols.eap.EapPacket;
import net.iotgw.protocols.eap.EapType;
import net.iotgw.protocols.eap.psk.EapPskPeer;
import net.iotgw.protocols.eap.psk.EapPskServer;
import net.iotgw.protocols.eap.psk.Psk;
import net.iotgw.protocols.eap.psk.PskOutput;
import net.iotgw.protocols.eap.psk.PskStep;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.pana.PanaEncryptionAlgorithm;
import net.iotgw.protocols.pana.engine.OpenSession;
import net.iotgw.protocols.pana.engine.PaaEngine;
import net.iotgw.protocols.pana.engine.PacEngine;
import net.iotgw.protocols.pana.engine.PanaOutput;
import net.iotgw.protocols.pana.engine.PanaStep;
import net.iotgw.protocols.pana.engine.RetransmitPolicy;

/**
 * The processor time of one network entry without radio or AAA: a PaC and a PAA (the engines
 * the simulated CD and the gateway run) with an EAP-PSK peer and server between them, exchanging
 * in memory until both sessions are open. It covers the codecs, AES-CMAC/EAX of EAP-PSK, the
 * PANA key derivations and every AUTH; it is the "crypto" share of a join's time.
 */
final class JoinCpuCost {
  private static final byte[] ID_S = "iotgw".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ID_P = "cd-00000@iot.example".getBytes(StandardCharsets.US_ASCII);

  private static final SecureRandom SECURE = new SecureRandom();

  private JoinCpuCost() {}

  /** Mean microseconds per join over {@code joins}, after as many for warm-up. */
  static double microsPerJoin(int joins) {
    SplittableRandom random = new SplittableRandom(3);
    byte[] psk = new byte[16];
    random.nextBytes(psk);
    for (int i = 0; i < joins; i++) {
      once(psk, random);
    }
    long start = System.nanoTime();
    for (int i = 0; i < joins; i++) {
      once(psk, random);
    }
    return (System.nanoTime() - start) / 1000.0 / joins;
  }

  /** One join; throws if it does not end with both sessions open. */
  static void once(byte[] pskBytes, SplittableRandom random) {
    SecureRandom secure = SECURE;
    byte[] paaNonce = bytes(random, 16);
    PaaEngine.State paa = PaaEngine.create(new PaaEngine.Config(
        List.of(PrfAlgorithm.PRF_HMAC_SHA2_256), List.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128),
        List.of(PanaEncryptionAlgorithm.AES128_CTR), RetransmitPolicy.REQUEST,
        random.nextLong(1, 1L << 32), random.nextLong(1L << 32), paaNonce, 1));
    PacEngine.State pac = PacEngine.create(new PacEngine.Config(
        List.of(PrfAlgorithm.PRF_HMAC_SHA2_256), List.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128),
        List.of(PanaEncryptionAlgorithm.AES128_CTR), RetransmitPolicy.REQUEST,
        random.nextLong(1L << 32), bytes(random, 16), PacEngine.DEFAULT_EAP_RESPONSE_TIMEOUT_MILLIS));
    Psk psk = new Psk(pskBytes.clone());
    EapPskPeer.State peer = EapPskPeer.start(ID_P, psk, bytes(random, 16));
    EapPskServer.State server = null;
    EapKeys serverKeys = null;
    Deque<byte[]> toPaa = new ArrayDeque<>();
    Deque<byte[]> toPac = new ArrayDeque<>();
    Deque<byte[]> paaEap = new ArrayDeque<>();
    Deque<byte[]> pacEap = new ArrayDeque<>();
    long now = 0;
    PanaStep<PacEngine.State> pci = PacEngine.start(pac, now, secure);
    pac = pci.state();
    collect(pci, toPaa, pacEap);
    for (int rounds = 0; rounds < 100; rounds++) {
      if (!toPaa.isEmpty()) {
        PanaStep<PaaEngine.State> s = PaaEngine.receive(paa, toPaa.poll(), now, secure);
        paa = s.state();
        if (collect(s, toPac, paaEap)) {
          PanaStep<PaaEngine.State> id = PaaEngine.eapToPac(paa, EapCodec.encode(
              new EapPacket.Request(1, EapType.IDENTITY.id(), new byte[0])), now, secure);
          paa = id.state();
          collect(id, toPac, paaEap);
        }
      } else if (!toPac.isEmpty()) {
        PanaStep<PacEngine.State> s = PacEngine.receive(pac, toPac.poll(), now, secure);
        pac = s.state();
        collect(s, toPaa, pacEap);
      } else if (!pacEap.isEmpty()) {
        PskStep<EapPskPeer.State> p = EapPskPeer.receive(peer, pacEap.poll());
        peer = p.state();
        for (PskOutput o : p.outputs()) {
          PanaStep<PacEngine.State> s = o instanceof PskOutput.Send send
              ? PacEngine.eapToPaa(pac, send.eapPacket())
              : o instanceof PskOutput.Authenticated a ? PacEngine.eapKeys(pac, a.keys().msk(), now)
              : null;
          if (s != null) {
            pac = s.state();
            collect(s, toPaa, pacEap);
          }
        }
      } else if (!paaEap.isEmpty()) {
        byte[] eap = paaEap.poll();
        PskStep<EapPskServer.State> p = server == null
            ? EapPskServer.start(ID_S, 2, bytes(random, 16))
            : EapPskServer.receive(server, eap, id -> Optional.of(new Psk(pskBytes.clone())));
        server = p.state();
        for (PskOutput o : p.outputs()) {
          if (o instanceof PskOutput.Authenticated a) {
            serverKeys = a.keys();
          }
        }
        for (PskOutput o : p.outputs()) {
          if (o instanceof PskOutput.Send send) {
            PanaStep<PaaEngine.State> s = serverKeys != null
                ? PaaEngine.eapSuccess(paa, send.eapPacket(), serverKeys.msk(), 3600, now, secure)
                : PaaEngine.eapToPac(paa, send.eapPacket(), now, secure);
            paa = s.state();
            collect(s, toPac, paaEap);
          }
        }
      } else {
        break;
      }
    }
    if (!(paa instanceof OpenSession.Open) || !(pac instanceof OpenSession.Open)) {
      throw new IllegalStateException("in-memory join did not open: " + paa + " / " + pac);
    }
  }

  /** Queues sends and reported EAP; true if the PAA asked to start EAP. */
  private static <S> boolean collect(PanaStep<S> step, Deque<byte[]> out, Deque<byte[]> eap) {
    boolean start = false;
    for (PanaOutput o : step.outputs()) {
      if (o instanceof PanaOutput.Send s) {
        out.add(s.message());
      } else if (o instanceof PanaOutput.EapReceived r) {
        eap.add(r.eap());
      } else if (o instanceof PanaOutput.EapStart) {
        start = true;
      }
    }
    return start;
  }

  private static byte[] bytes(SplittableRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
