package net.iotgw.sim.cd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import net.iotgw.protocols.eap.EapKeys;
import net.iotgw.protocols.eap.psk.EapPskServer;
import net.iotgw.protocols.eap.psk.Psk;
import net.iotgw.protocols.eap.psk.PskOutput;
import net.iotgw.protocols.eap.psk.PskStep;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ieee802154.security.Pemk;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;
import net.iotgw.protocols.pana.Avp;
import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.PanaEncryptionAlgorithm;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;
import net.iotgw.protocols.pana.engine.OpenSession;
import net.iotgw.protocols.pana.engine.PaaEngine;
import net.iotgw.protocols.pana.engine.PanaOutput;
import net.iotgw.protocols.pana.engine.PanaStep;
import net.iotgw.protocols.pana.engine.RetransmitPolicy;
import net.iotgw.protocols.wire.Decoded;

/**
 * An in-test PAA built from protocols only: the PAA engine with the embedded EAP-PSK server behind
 * it (what the gateway's Device and Aaa actors do), and the link key derived by the contract when
 * the session opens. A PCI after the session ended starts a new one with the next session id and
 * Key-Id.
 */
final class PaaSide {
  static final byte[] ID_S = "gateway@iot.example".getBytes(StandardCharsets.US_ASCII);

  private final Map<String, byte[]> store;
  private final Random random = new Random(11);
  private final long lifetimeSeconds;
  private final Map<PanaOutput.Timer, Long> timers = new EnumMap<>(PanaOutput.Timer.class);
  final List<PanaOutput> saw = new ArrayList<>();
  PaaEngine.State paa;
  EapPskServer.State server;
  long sessionId = 0x5e55_0001L;
  long keyId = 7;
  private PrfAlgorithm prf;
  /** The MSK of the last successful authentication, and the key of the open session. */
  EapKeys keys;
  LinkKey linkKey;

  PaaSide(Map<String, byte[]> store, long lifetimeSeconds) {
    this.store = Map.copyOf(store);
    this.lifetimeSeconds = lifetimeSeconds;
    this.paa = PaaEngine.create(config());
  }

  private PaaEngine.Config config() {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    // RFC 6786: the channel key deliveries travel over, as the gateway's PAA offers it.
    return new PaaEngine.Config(List.of(PrfAlgorithm.PRF_HMAC_SHA2_256),
        List.of(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128),
        List.of(PanaEncryptionAlgorithm.AES128_CTR), RetransmitPolicy.REQUEST, sessionId,
        random.nextInt() & 0xffff_ffffL, nonce, keyId);
  }

  boolean isOpen() {
    return paa instanceof OpenSession.Open;
  }

  /** A PANA message from the CD; returns the PANA messages to send back. */
  List<byte[]> receive(byte[] pana, long now) {
    boolean pci = PanaCodec.decode(pana) instanceof Decoded.Ok<PanaMessage> ok
        && ok.value().header().messageType() == PanaMessageType.CLIENT_INITIATION.id();
    if (pci && paa instanceof OpenSession.Closed) {
      sessionId++;
      keyId++;
      timers.clear();
      paa = PaaEngine.create(config());
    }
    List<byte[]> out = new ArrayList<>();
    apply(PaaEngine.receive(paa, pana, now, random), now, out);
    return out;
  }

  /** Fires the PAA's timers due at {@code now}. */
  List<byte[]> timers(long now) {
    List<byte[]> out = new ArrayList<>();
    for (PanaOutput.Timer t : PanaOutput.Timer.values()) {
      Long at = timers.get(t);
      if (at != null && at <= now) {
        timers.remove(t);
        apply(PaaEngine.timer(paa, t, now, random), now, out);
      }
    }
    return out;
  }

  OptionalLong nextDeadline() {
    return timers.values().stream().mapToLong(Long::longValue).min();
  }

  /**
   * The PAA delivers {@code avps} encrypted in a PNR (RFC 6786, {@link PaaEngine#deliver}); the
   * PaC's PNA shows up as {@link PanaOutput.DeliveryAcknowledged} in {@link #saw}.
   */
  List<byte[]> deliver(List<Avp> avps, long now) {
    List<byte[]> out = new ArrayList<>();
    apply(PaaEngine.deliver(paa, avps, now, random), now, out);
    return out;
  }

  /** The PAA ends the session (§4.4): its PTR. */
  List<byte[]> terminate(long now) {
    List<byte[]> out = new ArrayList<>();
    apply(PaaEngine.terminate(paa, 1, now, random), now, out);
    return out;
  }

  private void apply(PanaStep<PaaEngine.State> step, long now, List<byte[]> out) {
    paa = step.state();
    for (PanaOutput o : step.outputs()) {
      saw.add(o);
      if (o instanceof PanaOutput.Send s) {
        out.add(s.message());
      } else if (o instanceof PanaOutput.Arm a) {
        timers.put(a.timer(), a.atMillis());
      } else if (o instanceof PanaOutput.Disarm d) {
        timers.remove(d.timer());
      } else if (o instanceof PanaOutput.EapStart) {
        byte[] randS = new byte[16];
        random.nextBytes(randS);
        relay(EapPskServer.start(ID_S, 1, randS), now, out);
      } else if (o instanceof PanaOutput.EapReceived e) {
        relay(EapPskServer.receive(server, e.eap(), id -> Optional.ofNullable(
            store.get(new String(id, StandardCharsets.UTF_8))).map(Psk::new)), now, out);
      } else if (o instanceof PanaOutput.Opened opened) {
        Pemk pemk = Pemk.derive(Prf.of(prf), keys.msk(), opened.sessionId(), keyId,
            Pemk.epIdOf(new Address.Extended(GatewaySide.GATEWAY_EUI64)));
        linkKey = pemk.linkKey();
        pemk.destroy();
      } else if (o instanceof PanaOutput.Closed) {
        linkKey = null;
      }
    }
  }

  /** The embedded authenticator's verdict becomes a PAA command (the Aaa actor's part). */
  private void relay(PskStep<EapPskServer.State> step, long now, List<byte[]> out) {
    server = step.state();
    byte[] eap = null;
    for (PskOutput o : step.outputs()) {
      if (o instanceof PskOutput.Send s) {
        eap = s.eapPacket();
      } else if (o instanceof PskOutput.Authenticated a) {
        keys = a.keys();
      }
    }
    if (eap == null) {
      return;
    }
    if (server instanceof EapPskServer.Accepted) {
      prf = ((PaaEngine.Authenticating) paa).keying().prf();
      apply(PaaEngine.eapSuccess(paa, eap, keys.msk(), lifetimeSeconds, now, random), now, out);
    } else if (server instanceof EapPskServer.Rejected) {
      apply(PaaEngine.eapFailure(paa, eap, now, random), now, out);
    } else {
      apply(PaaEngine.eapToPac(paa, eap, now, random), now, out);
    }
  }
}
