package net.iotgw.radio.spinel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;
import net.iotgw.radio.spinel.PropertyValue.Caps;
import net.iotgw.radio.spinel.PropertyValue.HardwareAddress;
import net.iotgw.radio.spinel.PropertyValue.InterfaceType;
import net.iotgw.radio.spinel.PropertyValue.LastStatus;
import net.iotgw.radio.spinel.PropertyValue.LongAddress;
import net.iotgw.radio.spinel.PropertyValue.NcpVersion;
import net.iotgw.radio.spinel.PropertyValue.Opaque;
import net.iotgw.radio.spinel.PropertyValue.PanId;
import net.iotgw.radio.spinel.PropertyValue.PhyChannel;
import net.iotgw.radio.spinel.PropertyValue.PhyEnabled;
import net.iotgw.radio.spinel.PropertyValue.PromiscuousMode;
import net.iotgw.radio.spinel.PropertyValue.ProtocolVersion;
import net.iotgw.radio.spinel.PropertyValue.RawReceive;
import net.iotgw.radio.spinel.PropertyValue.RawStreamEnabled;
import net.iotgw.radio.spinel.PropertyValue.RawTransmit;
import net.iotgw.radio.spinel.PropertyValue.RcpApiVersion;
import net.iotgw.radio.spinel.PropertyValue.RcpMinHostApiVersion;
import net.iotgw.radio.spinel.PropertyValue.RxSensitivity;
import net.iotgw.radio.spinel.PropertyValue.ShortAddress;
import net.iotgw.radio.spinel.PropertyValue.TxPower;

/**
 * Reads and writes the value of a property command, choosing the format by command and property
 * (the format strings in spinel.h's SPINEL_PROP_* definitions). Values of known properties under
 * {@code PROP_VALUE_SET} and {@code PROP_VALUE_IS} are typed; a known property whose bytes do not
 * fit its format is malformed, not opaque. Bytes after the known fields are ignored, since spinel.h
 * ("Spinel definition compatibility guideline") lets newer firmware append fields.
 */
final class PropertyValueCodec {

  private PropertyValueCodec() {}

  /** True when {@code value} is the shape {@link #read} gives that command and property. */
  static boolean fits(SpinelCommand command, PropertyValue value) {
    boolean typed = isTypedCommand(command);
    if (value instanceof Opaque o) {
      return !typed || SpinelProperty.of(o.propertyId()).isEmpty();
    }
    if (!typed) {
      return false;
    }
    if (value instanceof RawReceive) {
      return command == SpinelCommand.PROP_VALUE_IS;
    }
    if (value instanceof RawTransmit) {
      return command == SpinelCommand.PROP_VALUE_SET;
    }
    return true;
  }

  private static boolean isTypedCommand(SpinelCommand command) {
    return command == SpinelCommand.PROP_VALUE_SET || command == SpinelCommand.PROP_VALUE_IS;
  }

  static PropertyValue read(SpinelCommand command, int propertyId, WireReader r)
      throws Malformed {
    Optional<SpinelProperty> known = SpinelProperty.of(propertyId);
    if (!isTypedCommand(command) || known.isEmpty()) {
      return new Opaque(propertyId, r.rest());
    }
    return switch (known.get()) {
      case LAST_STATUS -> readLastStatus(r);
      case PROTOCOL_VERSION -> new ProtocolVersion(
          PackedUint.read(r, "major version"), PackedUint.read(r, "minor version"));
      case NCP_VERSION -> new NcpVersion(SpinelData.readUtf8(r, "NCP version"));
      case INTERFACE_TYPE -> new InterfaceType(PackedUint.read(r, "interface type"));
      case CAPS -> readCaps(r);
      case HWADDR -> new HardwareAddress(SpinelData.readEui64(r, "hardware address"));
      case PHY_ENABLED -> new PhyEnabled(SpinelData.readBool(r, "PHY enabled"));
      case PHY_CHAN -> new PhyChannel(SpinelData.readUint8(r, "channel"));
      case PHY_TX_POWER -> new TxPower(SpinelData.readInt8(r, "TX power"));
      case PHY_RX_SENSITIVITY -> new RxSensitivity(SpinelData.readInt8(r, "RX sensitivity"));
      case MAC_15_4_LADDR -> new LongAddress(SpinelData.readEui64(r, "extended address"));
      case MAC_15_4_SADDR -> new ShortAddress(SpinelData.readUint16(r, "short address"));
      case MAC_15_4_PANID -> new PanId(SpinelData.readUint16(r, "PAN ID"));
      case MAC_RAW_STREAM_ENABLED -> new RawStreamEnabled(
          SpinelData.readBool(r, "raw stream enabled"));
      case MAC_PROMISCUOUS_MODE -> new PromiscuousMode(SpinelData.readUint8(r, "promiscuous mode"));
      case STREAM_RAW -> command == SpinelCommand.PROP_VALUE_IS
          ? new RawReceive(StreamRawCodec.readReceived(r))
          : new RawTransmit(StreamRawCodec.readTransmit(r));
      case RCP_API_VERSION -> new RcpApiVersion(PackedUint.read(r, "RCP API version"));
      case RCP_MIN_HOST_API_VERSION -> new RcpMinHostApiVersion(
          PackedUint.read(r, "minimum host RCP API version"));
    };
  }

  static void write(WireWriter w, PropertyValue value) {
    if (value instanceof LastStatus v) {
      PackedUint.write(w, v.code());
      v.transmit().ifPresent(d -> StreamRawCodec.writeTransmitDetails(w, d));
    } else if (value instanceof ProtocolVersion v) {
      PackedUint.write(w, v.major());
      PackedUint.write(w, v.minor());
    } else if (value instanceof NcpVersion v) {
      SpinelData.writeUtf8(w, v.version());
    } else if (value instanceof InterfaceType v) {
      PackedUint.write(w, v.type());
    } else if (value instanceof Caps v) {
      v.capabilities().forEach(c -> PackedUint.write(w, c));
    } else if (value instanceof HardwareAddress v) {
      SpinelData.writeEui64(w, v.eui64());
    } else if (value instanceof PhyEnabled v) {
      SpinelData.writeBool(w, v.enabled());
    } else if (value instanceof PhyChannel v) {
      SpinelData.writeUint8(w, v.channel());
    } else if (value instanceof TxPower v) {
      SpinelData.writeInt8(w, v.dbm());
    } else if (value instanceof RxSensitivity v) {
      SpinelData.writeInt8(w, v.dbm());
    } else if (value instanceof LongAddress v) {
      SpinelData.writeEui64(w, v.eui64());
    } else if (value instanceof ShortAddress v) {
      SpinelData.writeUint16(w, v.address());
    } else if (value instanceof PanId v) {
      SpinelData.writeUint16(w, v.panId());
    } else if (value instanceof RawStreamEnabled v) {
      SpinelData.writeBool(w, v.enabled());
    } else if (value instanceof PromiscuousMode v) {
      SpinelData.writeUint8(w, v.mode());
    } else if (value instanceof RawReceive v) {
      StreamRawCodec.writeReceived(w, v.frame());
    } else if (value instanceof RawTransmit v) {
      StreamRawCodec.writeTransmit(w, v.request());
    } else if (value instanceof RcpApiVersion v) {
      PackedUint.write(w, v.version());
    } else if (value instanceof RcpMinHostApiVersion v) {
      PackedUint.write(w, v.version());
    } else if (value instanceof Opaque v) {
      w.bytes(v.bytes());
    } else {
      throw new IllegalStateException("unhandled property value " + value.getClass());
    }
  }

  /** {@code i}, then the transmit completion fields when present (see {@link TransmitDetails}). */
  private static LastStatus readLastStatus(WireReader r) throws Malformed {
    int code = PackedUint.read(r, "status");
    Optional<TransmitDetails> details =
        r.hasRemaining()
            ? Optional.of(StreamRawCodec.readTransmitDetails(r))
            : Optional.empty();
    return new LastStatus(code, details);
  }

  /** {@code A(i)}: packed integers to the end; the count is bounded by the bytes present. */
  private static Caps readCaps(WireReader r) throws Malformed {
    List<Integer> caps = new ArrayList<>();
    while (r.hasRemaining()) {
      caps.add(PackedUint.read(r, "capability"));
    }
    return new Caps(caps);
  }
}
