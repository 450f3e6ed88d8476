package net.iotgw.radio.emulator;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import net.iotgw.radio.rcp.SpinelFraming;
import net.iotgw.radio.serial.InProcessPorts;
import net.iotgw.radio.serial.LinkAddress;
import net.iotgw.radio.serial.LinkEvent;
import net.iotgw.radio.serial.LinkMonitor;
import net.iotgw.radio.serial.ReconnectSettings;
import net.iotgw.radio.serial.SerialLink;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * A USB radio dongle running OpenThread's RCP firmware, emulated: the HDLC-Lite/Spinel byte stream
 * its host sees, with a {@link RadioMedium} station as its radio. Serve it where a real dongle
 * would be: on one end of a {@code socat} PTY pair ({@link #serveSerial}, the gateway opening the
 * other end as its serial device), on a TCP port ({@link #serveTcp}, the gateway configured with
 * {@code tcp:HOST:PORT}) or plugged into this JVM ({@link #plugIn}, {@code mem:NAME}).
 */
public final class DongleEmulator {
  /** The factory EUI-64 the emulated dongle reports in HWADDR until the host sets its own. */
  public static final long DEFAULT_FACTORY_EUI64 = 0x02_00_5E_FF_FE_00_00_01L;

  private DongleEmulator() {}

  /**
   * One dongle: bytes from its host in, bytes to its host out. Each materialization is a dongle
   * that has just been powered: attached to the medium, it announces RESET_POWER_ON, and it
   * detaches when the stream stops.
   */
  public static Flow<ByteString, ByteString, NotUsed> dongle(
      RadioMedium medium, long factoryEui64) {
    return SpinelFraming.bidi()
        .reversed()
        .join(Flow.fromGraph(new EmulatedRcp(medium, factoryEui64)));
  }

  /**
   * Listens on {@code endpoint}; every accepted connection is a freshly powered dongle on the
   * medium (normally there is one: the gateway's). Completes when bound; {@code unbind()} stops
   * listening.
   */
  public static CompletionStage<Tcp.ServerBinding> serveTcp(
      RadioMedium medium,
      LinkAddress.TcpEndpoint endpoint,
      long factoryEui64,
      ClassicActorSystemProvider system) {
    return Tcp.get(system.classicSystem())
        .bind(endpoint.host(), endpoint.port())
        .toMat(Sink.foreach(c -> c.handleWith(dongle(medium, factoryEui64), system)), Keep.left())
        .run(system);
  }

  /**
   * Plugs the dongle into this JVM as {@code mem:NAME}; every connection there is a freshly powered
   * dongle on the medium, as with {@link #serveTcp}. Close the plug to take it away.
   */
  public static InProcessPorts.Plug plugIn(RadioMedium medium, String name, long factoryEui64) {
    return InProcessPorts.plug(name, () -> dongle(medium, factoryEui64));
  }

  /**
   * Serves one dongle on {@code device}, one end of a PTY pair, reopening it whenever it vanishes
   * (socat restarted). The dongle keeps its state across reopenings, as a powered dongle does when
   * only its cable is replugged; the host's driver resets it anyway. Stop it with the returned
   * switch.
   */
  public static UniqueKillSwitch serveSerial(
      RadioMedium medium,
      LinkAddress.SerialDevice device,
      long factoryEui64,
      ReconnectSettings reconnect,
      Consumer<? super LinkEvent> events,
      ClassicActorSystemProvider system) {
    LinkMonitor monitor = new LinkMonitor(device, events);
    return SerialLink.reconnecting(device, reconnect, monitor, system)
        .viaMat(KillSwitches.single(), Keep.right())
        .join(dongle(medium, factoryEui64))
        .run(system);
  }
}
