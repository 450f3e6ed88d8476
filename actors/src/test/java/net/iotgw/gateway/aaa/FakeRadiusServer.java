package net.iotgw.gateway.aaa;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import net.iotgw.protocols.eap.EapCodec;
import net.iotgw.protocols.eap.EapPacket;
import net.iotgw.protocols.eap.EapType;
import net.iotgw.protocols.radius.Attributes;
import net.iotgw.protocols.radius.EapMessages;
import net.iotgw.protocols.radius.RadiusAttribute;
import net.iotgw.protocols.radius.RadiusAuth;
import net.iotgw.protocols.radius.RadiusCode;
import net.iotgw.protocols.radius.RadiusPacket;

/**
 * A RADIUS server in the test: a DatagramSocket on [::1] and a thread that records every request
 * and sends back what the {@link Responder} makes of it.
 */
final class FakeRadiusServer implements AutoCloseable {

  /** The datagrams to send back for one received request (none: stay silent). */
  @FunctionalInterface
  interface Responder {
    List<byte[]> answer(byte[] request, int count);
  }

  private final DatagramSocket socket;
  private final Thread thread;
  final List<byte[]> received = new CopyOnWriteArrayList<>();

  private FakeRadiusServer(InetAddress address, Responder responder) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(address, 0));
    thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[4096];
              while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                  socket.receive(p);
                  byte[] request = Arrays.copyOf(p.getData(), p.getLength());
                  received.add(request);
                  for (byte[] out : responder.answer(request, received.size())) {
                    socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                  }
                } catch (SocketException closed) {
                  return;
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              }
            },
            "fake-radius");
    thread.setDaemon(true);
    thread.start();
  }

  /** On [::1]. */
  static FakeRadiusServer start(Responder responder) throws IOException {
    return new FakeRadiusServer(InetAddress.getByName("::1"), responder);
  }

  static FakeRadiusServer start(InetAddress address, Responder responder) throws IOException {
    return new FakeRadiusServer(address, responder);
  }

  AaaConfig.Server server(String secret) {
    InetAddress a = socket.getLocalAddress();
    String host =
        a instanceof java.net.Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    return new AaaConfig.Server(
        host + ":" + socket.getLocalPort(),
        (InetSocketAddress) socket.getLocalSocketAddress(),
        secret.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A correctly signed Access-Challenge to {@code request}: an EAP-Request (EAP-PSK type, with the
   * next Identifier) and a State, then {@code tamper} applied to the signed datagram.
   */
  static byte[] challenge(
      byte[] request, String secret, byte[] state, UnaryOperator<byte[]> tamper) {
    RadiusPacket req = RadiusPacket.decode(request).orThrow();
    byte[] eapResponse = EapMessages.join(req).orThrow().orElseThrow();
    byte[] eapRequest =
        EapCodec.encode(
            new EapPacket.Request((eapResponse[1] + 1) & 0xff, EapType.PSK.id(), new byte[16]));
    List<RadiusAttribute> attributes = new java.util.ArrayList<>(EapMessages.split(eapRequest));
    attributes.add(Attributes.state(state));
    RadiusPacket answer =
        new RadiusPacket(RadiusCode.ACCESS_CHALLENGE, req.identifier(), new byte[16], attributes);
    byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
    byte[] wire = RadiusAuth.signResponse(answer, req.authenticator(), secretBytes);
    return tamper.apply(wire);
  }

  /**
   * Breaks the Message-Authenticator (the last attribute signResponse writes) and re-signs the
   * Response Authenticator over the result, so that only the former is wrong.
   */
  static UnaryOperator<byte[]> badMessageAuthenticator(byte[] request, String secret) {
    byte[] requestAuthenticator = RadiusPacket.decode(request).orThrow().authenticator();
    return wire -> {
      byte[] w = wire.clone();
      w[w.length - 1] ^= 0x01;
      byte[] ra =
          RadiusAuth.responseAuthenticator(
              w, requestAuthenticator, secret.getBytes(StandardCharsets.UTF_8));
      System.arraycopy(ra, 0, w, 4, 16);
      return w;
    };
  }

  static byte[] badResponseAuthenticator(byte[] wire) {
    byte[] w = wire.clone();
    w[4] ^= 0x01;
    return w;
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(5000);
  }
}
