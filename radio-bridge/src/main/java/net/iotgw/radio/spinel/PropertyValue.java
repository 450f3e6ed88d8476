package net.iotgw.radio.spinel;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The value part of a property command ({@code iD}, spinel.h SPINEL_CMD_PROP_VALUE_*), typed for
 * the properties of {@link SpinelProperty} in {@code PROP_VALUE_SET} and {@code PROP_VALUE_IS};
 * every other property, and the list commands, carry {@link Opaque} bytes. Each value knows its
 * property. Formats are those of the property's spinel.h definition, named in each record.
 */
public sealed interface PropertyValue {

  int propertyId();

  /**
   * {@code LAST_STATUS}, {@code i}; with {@code b b [frame]} appended when it completes a transmit.
   */
  record LastStatus(int code, Optional<TransmitDetails> transmit) implements PropertyValue {
    public LastStatus {
      check("status", code, 0, PackedUint.MAX);
      transmit = Objects.requireNonNull(transmit);
    }

    public LastStatus(SpinelStatus status) {
      this(status.code(), Optional.empty());
    }

    public Optional<SpinelStatus> status() {
      return SpinelStatus.of(code);
    }

    public boolean isOk() {
      return code == SpinelStatus.OK.code();
    }

    @Override
    public int propertyId() {
      return SpinelProperty.LAST_STATUS.id();
    }
  }

  /** {@code PROTOCOL_VERSION}, {@code ii}. */
  record ProtocolVersion(int major, int minor) implements PropertyValue {
    public ProtocolVersion {
      check("major", major, 0, PackedUint.MAX);
      check("minor", minor, 0, PackedUint.MAX);
    }

    @Override
    public int propertyId() {
      return SpinelProperty.PROTOCOL_VERSION.id();
    }
  }

  /** {@code NCP_VERSION}, {@code U}. */
  record NcpVersion(String version) implements PropertyValue {
    public NcpVersion {
      if (version.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("NUL in version string");
      }
    }

    @Override
    public int propertyId() {
      return SpinelProperty.NCP_VERSION.id();
    }
  }

  /** {@code INTERFACE_TYPE}, {@code i}: SPINEL_PROTOCOL_TYPE_* (0 bootloader, 3 Thread). */
  record InterfaceType(int type) implements PropertyValue {
    /** SPINEL_PROTOCOL_TYPE_THREAD, what an OpenThread RCP reports. */
    public static final int THREAD = 3;

    public InterfaceType {
      check("type", type, 0, PackedUint.MAX);
    }

    @Override
    public int propertyId() {
      return SpinelProperty.INTERFACE_TYPE.id();
    }
  }

  /** {@code CAPS}, {@code A(i)}: every capability number, in the order received. */
  record Caps(List<Integer> capabilities) implements PropertyValue {
    public Caps {
      capabilities = List.copyOf(capabilities);
      for (int c : capabilities) {
        check("capability", c, 0, PackedUint.MAX);
      }
    }

    public boolean has(SpinelCapability capability) {
      return capabilities.contains(capability.id());
    }

    @Override
    public int propertyId() {
      return SpinelProperty.CAPS.id();
    }
  }

  /** {@code HWADDR}, {@code E}: the EUI-64, big-endian bytes as a long. */
  record HardwareAddress(long eui64) implements PropertyValue {
    @Override
    public int propertyId() {
      return SpinelProperty.HWADDR.id();
    }
  }

  /** {@code PHY_ENABLED}, {@code b}. */
  record PhyEnabled(boolean enabled) implements PropertyValue {
    @Override
    public int propertyId() {
      return SpinelProperty.PHY_ENABLED.id();
    }
  }

  /** {@code PHY_CHAN}, {@code C}; 11 to 26 on the 2.4 GHz O-QPSK PHY. */
  record PhyChannel(int channel) implements PropertyValue {
    public PhyChannel {
      check("channel", channel, 0, 0xFF);
    }

    @Override
    public int propertyId() {
      return SpinelProperty.PHY_CHAN.id();
    }
  }

  /** {@code PHY_TX_POWER}, {@code c} dBm. */
  record TxPower(int dbm) implements PropertyValue {
    public TxPower {
      check("dBm", dbm, -128, 127);
    }

    @Override
    public int propertyId() {
      return SpinelProperty.PHY_TX_POWER.id();
    }
  }

  /** {@code PHY_RX_SENSITIVITY}, {@code c} dBm. */
  record RxSensitivity(int dbm) implements PropertyValue {
    public RxSensitivity {
      check("dBm", dbm, -128, 127);
    }

    @Override
    public int propertyId() {
      return SpinelProperty.PHY_RX_SENSITIVITY.id();
    }
  }

  /** {@code MAC_15_4_LADDR}, {@code E}: the extended address, big-endian bytes as a long. */
  record LongAddress(long eui64) implements PropertyValue {
    @Override
    public int propertyId() {
      return SpinelProperty.MAC_15_4_LADDR.id();
    }
  }

  /** {@code MAC_15_4_SADDR}, {@code S} (little-endian on the wire). */
  record ShortAddress(int address) implements PropertyValue {
    public ShortAddress {
      check("short address", address, 0, 0xFFFF);
    }

    @Override
    public int propertyId() {
      return SpinelProperty.MAC_15_4_SADDR.id();
    }
  }

  /** {@code MAC_15_4_PANID}, {@code S} (little-endian on the wire). */
  record PanId(int panId) implements PropertyValue {
    public PanId {
      check("PAN ID", panId, 0, 0xFFFF);
    }

    @Override
    public int propertyId() {
      return SpinelProperty.MAC_15_4_PANID.id();
    }
  }

  /** {@code MAC_RAW_STREAM_ENABLED}, {@code b}. */
  record RawStreamEnabled(boolean enabled) implements PropertyValue {
    @Override
    public int propertyId() {
      return SpinelProperty.MAC_RAW_STREAM_ENABLED.id();
    }
  }

  /** {@code MAC_PROMISCUOUS_MODE}, {@code C}: 0 off, 1 network, 2 full. */
  record PromiscuousMode(int mode) implements PropertyValue {
    public PromiscuousMode {
      check("mode", mode, 0, 0xFF);
    }

    @Override
    public int propertyId() {
      return SpinelProperty.MAC_PROMISCUOUS_MODE.id();
    }
  }

  /** {@code RCP_API_VERSION}, {@code i}. */
  record RcpApiVersion(int version) implements PropertyValue {
    public RcpApiVersion {
      check("version", version, 0, PackedUint.MAX);
    }

    @Override
    public int propertyId() {
      return SpinelProperty.RCP_API_VERSION.id();
    }
  }

  /** {@code RCP_MIN_HOST_API_VERSION}, {@code i}. */
  record RcpMinHostApiVersion(int version) implements PropertyValue {
    public RcpMinHostApiVersion {
      check("version", version, 0, PackedUint.MAX);
    }

    @Override
    public int propertyId() {
      return SpinelProperty.RCP_MIN_HOST_API_VERSION.id();
    }
  }

  /** {@code STREAM_RAW} in {@code PROP_VALUE_IS}: a frame the radio received. */
  record RawReceive(ReceivedFrame frame) implements PropertyValue {
    public RawReceive {
      Objects.requireNonNull(frame);
    }

    @Override
    public int propertyId() {
      return SpinelProperty.STREAM_RAW.id();
    }
  }

  /** {@code STREAM_RAW} in {@code PROP_VALUE_SET}: a frame for the radio to send. */
  record RawTransmit(TransmitRequest request) implements PropertyValue {
    public RawTransmit {
      Objects.requireNonNull(request);
    }

    @Override
    public int propertyId() {
      return SpinelProperty.STREAM_RAW.id();
    }
  }

  /** Any other property (or command), value bytes kept as received. */
  record Opaque(int propertyId, byte[] bytes) implements PropertyValue {
    public Opaque {
      check("property", propertyId, 0, PackedUint.MAX);
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Opaque x && propertyId == x.propertyId && Arrays.equals(bytes, x.bytes);
    }

    @Override
    public int hashCode() {
      return 31 * propertyId + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Opaque[property " + propertyId + ", " + bytes.length + " bytes]";
    }
  }

  private static void check(String name, int v, int min, int max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(name + " out of range: " + v);
    }
  }
}
