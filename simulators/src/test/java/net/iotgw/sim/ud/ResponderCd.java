package net.iotgw.sim.ud;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.esp.EspPayload;
import net.iotgw.protocols.esp.UdpEncapsulation;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.engine.CookieGate;
import net.iotgw.protocols.ike.engine.Credentials;
import net.iotgw.protocols.ike.engine.Datagram;
import net.iotgw.protocols.ike.engine.EngineConfig;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ike.engine.IkeEvent;
import net.iotgw.protocols.ike.engine.IkeOutput;
import net.iotgw.protocols.ike.engine.IkeSaEngine;
import net.iotgw.protocols.ike.engine.IkeState;
import net.iotgw.protocols.ike.engine.IkeStep;
import net.iotgw.protocols.ike.engine.Limits;
import net.iotgw.protocols.ike.engine.Profile;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packet;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.UdpCodec;
import net.iotgw.protocols.ipv6.UdpDatagram;
import net.iotgw.protocols.wire.Decoded;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;

/**
 * A test peer for {@link SimulatedUd} with no gateway in between: a CD that runs the IKEv2
 * responder engine itself and answers CoAP GETs inside tunnel-mode ESP in UDP (what the gateway
 * and a simulated CD do together in the demo). It can drop the first {@code dropGets} GETs, to
 * make the UD retransmit.
 */
final class ResponderCd {
  static final String PSK = "responder-test-psk";

  private final Ipv6Address address;
  private final Identity identity;
  private final String udIdentity;
  private final SecureRandom random = new SecureRandom();
  private IkeState state;
  private LocalEsp esp;
  private int dropGets;
  int getsAnswered;

  ResponderCd(Ipv6Address address, Identity identity, String udIdentity, int dropGets) {
    this.address = address;
    this.identity = identity;
    this.udIdentity = udIdentity;
    this.dropGets = dropGets;
  }

  static Profile profile(Identity self, Identity peer) {
    Credentials.PreSharedKey psk =
        new Credentials.PreSharedKey(PSK.getBytes(StandardCharsets.UTF_8));
    return new Profile(self, psk,
        List.of(new Profile.IkeProposal(PacketProtection.AES_GCM_16_128,
            PrfAlgorithm.PRF_HMAC_SHA2_256)),
        List.of(DhGroup.CURVE25519), List.of(PacketProtection.AES_GCM_16_128), false,
        List.of(peer), Optional.of(psk), List.of());
  }

  Ipv6Address address() {
    return address;
  }

  /** A packet from the UD; returns the CD's answers. */
  List<byte[]> receive(byte[] packet, long nowMillis) {
    List<byte[]> out = new ArrayList<>();
    Ipv6Packet ip = ((Decoded.Ok<Ipv6Packet>) Ipv6Codec.decode(packet)).value();
    UdpDatagram udp = ((Decoded.Ok<UdpDatagram>) UdpCodec.decode(ip)).value();
    Ipv6Address ud = ip.source();
    if (udp.destinationPort() == 500) {
      ike(new Datagram(UdPeer.at(address, 500), UdPeer.at(ud, udp.sourcePort()), udp.payload()),
          ud, nowMillis, out);
    } else if (UdpEncapsulation.decode(udp.payload())
        instanceof Decoded.Ok<UdpEncapsulation.Datagram> ok) {
      if (ok.value() instanceof UdpEncapsulation.Ike m) {
        ike(new Datagram(UdPeer.at(address, 4500), UdPeer.at(ud, udp.sourcePort()), m.message()),
            ud, nowMillis, out);
      } else if (ok.value() instanceof UdpEncapsulation.Esp e && esp != null) {
        esp.open(e.packet()).ifPresent(p -> coap(p, ud, out));
      }
    }
    return out;
  }

  private void ike(Datagram d, Ipv6Address ud, long now, List<byte[]> out) {
    EngineConfig config = new EngineConfig(profile(identity, Identity.rfc822(udIdentity)),
        address.bytes(), Limits.DEFAULT, EngineConfig.NatTraversal.DETECT,
        EngineConfig.KeyDeliveryMode.SKEYSEED, 500, 4500, false);
    apply(state == null ? IkeSaEngine.respond(config, d, CookieGate.open(), now, random)
        : IkeSaEngine.handle(state, new IkeEvent.Received(d), now, random), ud, now, out);
  }

  private void apply(IkeStep step, Ipv6Address ud, long now, List<byte[]> out) {
    state = step.state();
    for (IkeOutput o : step.outputs()) {
      if (o instanceof IkeOutput.Send s) {
        out.add(UdPeer.ikePacket(address, ud, s.datagram()));
      } else if (o instanceof IkeOutput.ChildSaAgreed agreed) {
        agreed.delivery().destroy();
        esp = new LocalEsp(agreed.child(), random);
        apply(IkeSaEngine.handle(state, new IkeEvent.KeysDelivered(), now, random), ud, now,
            out);
      }
    }
  }

  private void coap(EspPayload payload, Ipv6Address ud, List<byte[]> out) {
    Ipv6Packet inner = ((Decoded.Ok<Ipv6Packet>) Ipv6Codec.decode(payload.data())).value();
    UdpDatagram udp = ((Decoded.Ok<UdpDatagram>) UdpCodec.decode(inner)).value();
    Request get = (Request) new UdpDataParser().parseMessage(udp.payload());
    if (dropGets > 0) {
      dropGets--;
      return;
    }
    Response r = new Response(ResponseCode.CONTENT);
    r.setType(Type.ACK);
    r.setMID(get.getMID());
    r.setToken(get.getToken());
    r.setPayload("21.5 C at /" + get.getOptions().getUriPathString());
    getsAnswered++;
    Ipv6Packet answer = Ipv6Packets.udp(address, ud, udp.destinationPort(), udp.sourcePort(),
        new UdpDataSerializer().getByteArray(r), 64);
    byte[] sealed = esp.seal(EspPayload.tunnel(Ipv6Codec.encode(answer)));
    out.add(Ipv6Codec.encode(Ipv6Packets.udp(address, ud, 4500, 4500,
        UdpEncapsulation.encodeEsp(sealed), 64)));
  }
}
