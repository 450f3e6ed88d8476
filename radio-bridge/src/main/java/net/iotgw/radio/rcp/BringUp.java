package net.iotgw.radio.rcp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.iotgw.radio.spinel.HostRequests;
import net.iotgw.radio.spinel.PropertyValue;
import net.iotgw.radio.spinel.SpinelCapability;
import net.iotgw.radio.spinel.SpinelFrame;
import net.iotgw.radio.spinel.SpinelProperty;
import net.iotgw.radio.spinel.SpinelStatus;

/**
 * The requests that turn a freshly reset RCP into a raw 802.15.4 radio, one at a time, and what
 * each reply must be. The order is OpenThread's host ({@code RadioSpinel::Init} and {@code
 * CheckSpinelVersion} / {@code CheckRadioCapabilities}): protocol version, firmware version and
 * capabilities first, then the PIB (channel, PAN ID, extended and short address), then the radio on
 * and the raw stream on, so that no frame arrives before the filter is set.
 *
 * <p>Pure and immutable: the driver stage owns TIDs, timers and I/O, this only says what to send
 * next and whether a reply is acceptable.
 *
 * @param index the step whose reply is awaited
 */
record BringUp(List<Step> steps, int index, RcpInfo info) {

  /** SPINEL_PROTOCOL_VERSION_THREAD_MAJOR: a different major version is a different protocol. */
  static final int PROTOCOL_MAJOR = 4;

  /** One request of the sequence. */
  sealed interface Step {
    SpinelFrame request(int tid);
  }

  /** A PROP_VALUE_GET whose reply is checked and recorded. */
  record Query(SpinelProperty property) implements Step {
    @Override
    public SpinelFrame request(int tid) {
      return HostRequests.get(tid, property);
    }
  }

  /** A PROP_VALUE_SET; the RCP must echo exactly the value set. */
  record Configure(PropertyValue value) implements Step {
    @Override
    public SpinelFrame request(int tid) {
      return HostRequests.set(tid, value);
    }
  }

  /** What a reply to the current step leads to. */
  sealed interface Outcome {}

  record Next(BringUp bringUp) implements Outcome {}

  record Done(RcpInfo info) implements Outcome {}

  /** Not an answer to the current step after all: keep waiting for it. */
  record Unrelated() implements Outcome {}

  /** The RCP cannot serve as configured; see {@link RcpConfigurationException}. */
  record Refused(String reason) implements Outcome {}

  BringUp {
    steps = List.copyOf(steps);
    Objects.checkIndex(index, steps.size());
    Objects.requireNonNull(info);
  }

  static List<Step> steps(RcpConfig config) {
    return List.of(
        new Query(SpinelProperty.PROTOCOL_VERSION),
        new Query(SpinelProperty.NCP_VERSION),
        new Query(SpinelProperty.CAPS),
        new Configure(new PropertyValue.PhyChannel(config.channel())),
        new Configure(new PropertyValue.PanId(config.panId())),
        new Configure(new PropertyValue.LongAddress(config.extendedAddress())),
        new Configure(new PropertyValue.ShortAddress(config.shortAddress())),
        new Configure(new PropertyValue.PhyEnabled(true)),
        new Configure(new PropertyValue.RawStreamEnabled(true)));
  }

  static BringUp start(RcpConfig config, int resetReason) {
    return new BringUp(steps(config), 0, RcpInfo.afterReset(resetReason));
  }

  Step current() {
    return steps.get(index);
  }

  /** Judges {@code reply}, which the caller has matched to the current step's TID. */
  Outcome accept(SpinelFrame reply) {
    Optional<PropertyValue> value = reply.valueIs();
    if (value.isEmpty()) {
      return new Refused(
          "answered " + describe(current()) + " with command " + reply.message().commandId());
    }
    PropertyValue v = value.get();
    if (v instanceof PropertyValue.LastStatus status && status.isOk()) {
      // A GET or SET is answered with the value or an error, never with OK: this is the late
      // completion of a transmit from before the reset, whose TID the step happens to reuse.
      return new Unrelated();
    }
    if (v instanceof PropertyValue.LastStatus status) {
      return new Refused(
          "refused "
              + describe(current())
              + ": status "
              + status.status().map(SpinelStatus::name).orElse(Integer.toString(status.code())));
    }
    if (current() instanceof Query q) {
      return record(q, v);
    }
    Configure c = (Configure) current();
    return c.value().equals(v)
        ? advance(info)
        : new Refused("answered " + describe(c) + " with " + v);
  }

  private Outcome record(Query query, PropertyValue v) {
    if (v instanceof PropertyValue.ProtocolVersion p
        && query.property() == SpinelProperty.PROTOCOL_VERSION) {
      if (p.major() != PROTOCOL_MAJOR) {
        return new Refused(
            "speaks Spinel "
                + p.major()
                + "."
                + p.minor()
                + ", this host "
                + PROTOCOL_MAJOR
                + ".x");
      }
      return advance(info.withProtocol(p.major(), p.minor()));
    }
    if (v instanceof PropertyValue.NcpVersion n && query.property() == SpinelProperty.NCP_VERSION) {
      return advance(info.withNcpVersion(n.version()));
    }
    if (v instanceof PropertyValue.Caps c && query.property() == SpinelProperty.CAPS) {
      if (!c.has(SpinelCapability.CONFIG_RADIO) && !c.has(SpinelCapability.MAC_RAW)) {
        return new Refused(
            "is neither an RCP (CAP_CONFIG_RADIO) nor offers raw MAC access"
                + " (CAP_MAC_RAW): caps "
                + c.capabilities());
      }
      return advance(info.withCapabilities(c.capabilities()));
    }
    return new Refused("answered " + describe(query) + " with " + v);
  }

  private Outcome advance(RcpInfo updated) {
    return index + 1 == steps.size()
        ? new Done(updated)
        : new Next(new BringUp(steps, index + 1, updated));
  }

  private static String describe(Step step) {
    if (step instanceof Query q) {
      return "GET " + q.property();
    }
    return "SET " + SpinelProperty.of(((Configure) step).value().propertyId()).orElseThrow();
  }
}
