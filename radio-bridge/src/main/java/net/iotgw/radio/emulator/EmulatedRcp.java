package net.iotgw.radio.emulator;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.iotgw.radio.spinel.PropertyValue;
import net.iotgw.radio.spinel.ReceivedFrame;
import net.iotgw.radio.spinel.SpinelCapability;
import net.iotgw.radio.spinel.SpinelCommand;
import net.iotgw.radio.spinel.SpinelFrame;
import net.iotgw.radio.spinel.SpinelHeader;
import net.iotgw.radio.spinel.SpinelMessage;
import net.iotgw.radio.spinel.SpinelProperty;
import net.iotgw.radio.spinel.SpinelStatus;
import net.iotgw.radio.spinel.TransmitDetails;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * An OpenThread RCP as its host sees it over Spinel (OpenThread {@code NcpBase} in its radio-only
 * build), with a {@link RadioMedium} station as its radio: host requests in, replies and
 * unsolicited updates out.
 *
 * <ul>
 *   <li>Starts with the unsolicited LAST_STATUS RESET_POWER_ON of a booting RCP; CMD_RESET restores
 *       the defaults (radio off, raw stream off, channel 11, PAN 0xFFFF, the factory EUI-64, no
 *       short address) and answers RESET_SOFTWARE.
 *   <li>GETs of versions (Spinel 4.3), caps (CONFIG_RADIO, MAC_RAW, ...), addresses and PHY/MAC
 *       settings answer VALUE_IS; SETs are applied and echoed with VALUE_IS; an unknown property is
 *       LAST_STATUS PROP_NOT_FOUND, a channel outside 11..26 INVALID_ARGUMENT.
 *   <li>STREAM_RAW transmit: queued on the station (while the radio is on); once it has been on the
 *       air, LAST_STATUS OK with the request's TID, with "no ACK" details. A full queue is
 *       LAST_STATUS BUSY at once. Completions of frames sent before a reset are not reported.
 *   <li>Frames the station receives, while radio and raw stream are on: unsolicited STREAM_RAW
 *       VALUE_IS with the medium's RSSI/LQI and the current channel.
 * </ul>
 *
 * <p>Bounded like a UART: host requests are read only while fewer than {@link #REPLY_LIMIT} frames
 * wait to go out, and received frames beyond {@link #OUT_LIMIT} waiting are dropped.
 */
final class EmulatedRcp extends GraphStage<FlowShape<SpinelFrame, SpinelFrame>> {
  static final String NCP_VERSION = "OPENTHREAD/iotgw-dongle-emulator; SIMULATION; RCP";
  static final List<Integer> CAPS =
      List.of(
          SpinelCapability.IEEE_802_15_4_2450MHZ_OQPSK.id(),
          SpinelCapability.CONFIG_RADIO.id(),
          SpinelCapability.RCP_API_VERSION.id(),
          SpinelCapability.RCP_MIN_HOST_API_VERSION.id(),
          SpinelCapability.MAC_RAW.id());
  static final int RCP_API_VERSION = 10;
  static final int RCP_MIN_HOST_API_VERSION = 4;
  static final int REPLY_LIMIT = 32;
  static final int OUT_LIMIT = 64;
  static final int DEFAULT_CHANNEL = 11;
  static final int DEFAULT_PAN = 0xFFFF;
  static final int NO_SHORT_ADDRESS = 0xFFFE;

  private final RadioMedium medium;
  private final long factoryEui64;
  private final Inlet<SpinelFrame> in = Inlet.create("EmulatedRcp.in");
  private final Outlet<SpinelFrame> out = Outlet.create("EmulatedRcp.out");
  private final FlowShape<SpinelFrame, SpinelFrame> shape = FlowShape.of(in, out);

  EmulatedRcp(RadioMedium medium, long factoryEui64) {
    this.medium = medium;
    this.factoryEui64 = factoryEui64;
  }

  @Override
  public FlowShape<SpinelFrame, SpinelFrame> shape() {
    return shape;
  }

  private record Received(byte[] psdu, int rssi, int lqi) {}

  private record Sent(int generation, SpinelHeader header) {}

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new GraphStageLogic(shape) {
      private final ArrayDeque<SpinelFrame> pending = new ArrayDeque<>();
      private final AtomicInteger receivedInMailbox = new AtomicInteger();
      private Station station;
      private AsyncCallback<Received> received;
      private AsyncCallback<Sent> sent;

      /** Bumped by every reset, so that completions of older transmits are not reported. */
      private int generation;

      private boolean phyEnabled;
      private boolean rawStreamEnabled;
      private int channel;
      private int panId;
      private long extendedAddress;
      private int shortAddress;
      private int promiscuousMode;
      private int txPower;

      {
        setHandler(
            in,
            new AbstractInHandler() {
              @Override
              public void onPush() {
                onRequest(grab(in));
                flush();
              }
            });
        setHandler(
            out,
            new AbstractOutHandler() {
              @Override
              public void onPull() {
                flush();
              }
            });
      }

      @Override
      public void preStart() {
        received = createAsyncCallback(this::onReceived);
        sent = createAsyncCallback(this::onSent);
        restoreDefaults();
        station =
            medium.attach(
                extendedAddress,
                shortAddress,
                (psdu, rssi, lqi) -> {
                  if (receivedInMailbox.incrementAndGet() > OUT_LIMIT) {
                    receivedInMailbox.decrementAndGet();
                    return;
                  }
                  received.invoke(new Received(psdu, rssi, lqi));
                });
        pending.add(lastStatus(SpinelHeader.unsolicited(), SpinelStatus.RESET_POWER_ON));
        flush();
      }

      @Override
      public void postStop() {
        if (station != null) {
          station.detach();
        }
      }

      private void restoreDefaults() {
        generation++;
        phyEnabled = false;
        rawStreamEnabled = false;
        channel = DEFAULT_CHANNEL;
        panId = DEFAULT_PAN;
        extendedAddress = factoryEui64;
        shortAddress = NO_SHORT_ADDRESS;
        promiscuousMode = 0;
        txPower = 0;
        if (station != null) {
          medium.receiving(station, false);
          medium.rebind(station, extendedAddress, shortAddress);
        }
      }

      private void onRequest(SpinelFrame request) {
        SpinelHeader h = request.header();
        SpinelMessage m = request.message();
        if (m instanceof SpinelMessage.Reset) {
          restoreDefaults();
          pending.add(lastStatus(SpinelHeader.unsolicited(), SpinelStatus.RESET_SOFTWARE));
        } else if (m instanceof SpinelMessage.Noop) {
          pending.add(lastStatus(h, SpinelStatus.OK));
        } else if (m instanceof SpinelMessage.PropGet get) {
          pending.add(
              get(get.propertyId())
                  .map(v -> valueIs(h, v))
                  .orElseGet(() -> lastStatus(h, SpinelStatus.PROP_NOT_FOUND)));
        } else if (m instanceof SpinelMessage.PropValue pv
            && pv.command() == SpinelCommand.PROP_VALUE_SET) {
          set(h, pv.value());
        } else {
          pending.add(lastStatus(h, SpinelStatus.INVALID_COMMAND));
        }
      }

      private Optional<PropertyValue> get(int propertyId) {
        Optional<SpinelProperty> p = SpinelProperty.of(propertyId);
        if (p.isEmpty()) {
          return Optional.empty();
        }
        PropertyValue v =
            switch (p.get()) {
              case LAST_STATUS -> new PropertyValue.LastStatus(SpinelStatus.OK);
              case PROTOCOL_VERSION -> new PropertyValue.ProtocolVersion(4, 3);
              case NCP_VERSION -> new PropertyValue.NcpVersion(NCP_VERSION);
              case INTERFACE_TYPE ->
                  new PropertyValue.InterfaceType(PropertyValue.InterfaceType.THREAD);
              case CAPS -> new PropertyValue.Caps(CAPS);
              case HWADDR -> new PropertyValue.HardwareAddress(factoryEui64);
              case PHY_ENABLED -> new PropertyValue.PhyEnabled(phyEnabled);
              case PHY_CHAN -> new PropertyValue.PhyChannel(channel);
              case PHY_TX_POWER -> new PropertyValue.TxPower(txPower);
              case PHY_RX_SENSITIVITY -> new PropertyValue.RxSensitivity(-100);
              case MAC_15_4_LADDR -> new PropertyValue.LongAddress(extendedAddress);
              case MAC_15_4_SADDR -> new PropertyValue.ShortAddress(shortAddress);
              case MAC_15_4_PANID -> new PropertyValue.PanId(panId);
              case MAC_RAW_STREAM_ENABLED -> new PropertyValue.RawStreamEnabled(rawStreamEnabled);
              case MAC_PROMISCUOUS_MODE -> new PropertyValue.PromiscuousMode(promiscuousMode);
              case RCP_API_VERSION -> new PropertyValue.RcpApiVersion(RCP_API_VERSION);
              case RCP_MIN_HOST_API_VERSION ->
                  new PropertyValue.RcpMinHostApiVersion(RCP_MIN_HOST_API_VERSION);
              case STREAM_RAW -> null;
            };
        return Optional.ofNullable(v);
      }

      private void set(SpinelHeader h, PropertyValue v) {
        if (v instanceof PropertyValue.RawTransmit tx) {
          transmit(h, tx.request().psdu());
          return;
        }
        if (v instanceof PropertyValue.PhyChannel c) {
          if (c.channel() < 11 || c.channel() > 26) {
            pending.add(lastStatus(h, SpinelStatus.INVALID_ARGUMENT));
            return;
          }
          channel = c.channel();
        } else if (v instanceof PropertyValue.PanId p) {
          panId = p.panId();
        } else if (v instanceof PropertyValue.LongAddress a) {
          extendedAddress = a.eui64();
          medium.rebind(station, extendedAddress, shortAddress);
        } else if (v instanceof PropertyValue.ShortAddress a) {
          shortAddress = a.address();
          medium.rebind(station, extendedAddress, shortAddress);
        } else if (v instanceof PropertyValue.PhyEnabled e) {
          phyEnabled = e.enabled();
          medium.receiving(station, phyEnabled && rawStreamEnabled);
        } else if (v instanceof PropertyValue.RawStreamEnabled e) {
          rawStreamEnabled = e.enabled();
          medium.receiving(station, phyEnabled && rawStreamEnabled);
        } else if (v instanceof PropertyValue.PromiscuousMode mode) {
          promiscuousMode = mode.mode();
        } else if (v instanceof PropertyValue.TxPower p) {
          txPower = p.dbm();
        } else {
          pending.add(lastStatus(h, SpinelStatus.PROP_NOT_FOUND));
          return;
        }
        pending.add(valueIs(h, v));
      }

      private void transmit(SpinelHeader h, byte[] psdu) {
        if (!phyEnabled) {
          pending.add(lastStatus(h, SpinelStatus.INVALID_STATE));
        } else if (psdu.length < 4) {
          pending.add(lastStatus(h, SpinelStatus.INVALID_ARGUMENT));
        } else {
          Sent done = new Sent(generation, h);
          if (!station.transmit(psdu, () -> sent.invoke(done))) {
            pending.add(lastStatus(h, SpinelStatus.BUSY));
          }
        }
      }

      private void onSent(Sent done) {
        if (done.generation() != generation) {
          return;
        }
        TransmitDetails noAck =
            new TransmitDetails(
                false,
                false,
                Optional.of(ReceivedFrame.of(new byte[0], channel, ReceivedFrame.UNKNOWN_DBM, 0)));
        pending.add(
            valueIs(
                done.header(),
                new PropertyValue.LastStatus(SpinelStatus.OK.code(), Optional.of(noAck))));
        flush();
      }

      private void onReceived(Received r) {
        receivedInMailbox.decrementAndGet();
        if (phyEnabled && rawStreamEnabled && pending.size() < OUT_LIMIT) {
          pending.add(
              valueIs(
                  SpinelHeader.unsolicited(),
                  new PropertyValue.RawReceive(
                      ReceivedFrame.of(r.psdu(), channel, r.rssi(), r.lqi()))));
          flush();
        }
      }

      private void flush() {
        if (isAvailable(out) && !pending.isEmpty()) {
          push(out, pending.poll());
        }
        if (pending.size() < REPLY_LIMIT && !hasBeenPulled(in) && !isClosed(in)) {
          pull(in);
        }
      }
    };
  }

  private static SpinelFrame valueIs(SpinelHeader h, PropertyValue v) {
    return new SpinelFrame(h, new SpinelMessage.PropValue(SpinelCommand.PROP_VALUE_IS, v));
  }

  private static SpinelFrame lastStatus(SpinelHeader h, SpinelStatus status) {
    return valueIs(h, new PropertyValue.LastStatus(status));
  }
}
