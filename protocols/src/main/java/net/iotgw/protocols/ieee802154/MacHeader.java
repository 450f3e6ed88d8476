package net.iotgw.protocols.ieee802154;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The MAC header (MHR) of a general-format frame (IEEE 802.15.4-2015 §7.2): everything before the
 * MAC payload. It mirrors the wire: the frame control field is kept as sent and the other fields
 * must agree with it (addressing modes, which PAN IDs are present per {@link PanIdCompression},
 * security, sequence number suppression, IEs). Build one with {@link #builder} to have the frame
 * control field derived instead.
 *
 * @param frameControl the frame control field
 * @param sequenceNumber 0..255, empty when suppressed (2015)
 * @param destinationPanId present as {@link PanIdCompression} requires
 * @param destination the destination address, {@link Address#NONE} if absent
 * @param sourcePanId present as {@link PanIdCompression} requires
 * @param source the source address, {@link Address#NONE} if absent
 * @param security the auxiliary security header, present iff Security Enabled
 * @param headerIes header IEs (2015), including a terminating HT1/HT2 if one was sent
 */
public record MacHeader(
    FrameControl frameControl,
    OptionalInt sequenceNumber,
    OptionalInt destinationPanId,
    Address destination,
    OptionalInt sourcePanId,
    Address source,
    Optional<AuxSecurityHeader> security,
    List<HeaderIe> headerIes) {

  public MacHeader {
    FrameControl fc = frameControl;
    headerIes = List.copyOf(headerIes);
    require(destination.mode() == fc.destinationMode(), "destination address vs its mode");
    require(source.mode() == fc.sourceMode(), "source address vs its mode");
    require(sequenceNumber.isEmpty() == fc.sequenceNumberSuppression(), "sequence number");
    sequenceNumber.ifPresent(s -> require(s >= 0 && s <= 0xff, "sequence number 0..255"));
    PanIdCompression.Presence presence =
        PanIdCompression.presence(
                fc.version(), fc.destinationMode(), fc.sourceMode(), fc.panIdCompression())
            .orElseThrow(() -> new IllegalArgumentException("PAN ID compression set for " + fc));
    require(presence.destinationPanId() == destinationPanId.isPresent(), "destination PAN ID");
    require(presence.sourcePanId() == sourcePanId.isPresent(), "source PAN ID");
    destinationPanId.ifPresent(p -> require(p >= 0 && p <= 0xffff, "PAN ID 0..0xffff"));
    sourcePanId.ifPresent(p -> require(p >= 0 && p <= 0xffff, "PAN ID 0..0xffff"));
    require(security.isPresent() == fc.securityEnabled(), "security header vs Security Enabled");
    require(
        security.isEmpty() || fc.version() != FrameVersion.IEEE_2003,
        "2003 frame security has no auxiliary security header");
    boolean counterSuppressed =
        security.map(AuxSecurityHeader::frameCounterSuppressed).orElse(false);
    require(
        !counterSuppressed || fc.version() == FrameVersion.IEEE_2015,
        "frame counter suppression needs frame version 2015");
    require(headerIes.isEmpty() || fc.iePresent(), "header IEs without IE Present");
    for (int i = 0; i < headerIes.size() - 1; i++) {
      require(!headerIes.get(i).isTermination(), "header termination IE before the last IE");
    }
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("inconsistent MAC header: " + what);
    }
  }

  /** A builder that derives the frame control field from the fields given. */
  public static Builder builder(FrameType type, FrameVersion version) {
    return new Builder(type, version);
  }

  /**
   * An intra-PAN data frame: the PAN ID appears once, as the destination PAN ID when there is a
   * destination address (the source PAN ID is compressed away), else as the source PAN ID. This is
   * what 6LoWPAN traffic inside one PAN looks like in either frame version.
   */
  public static MacHeader data(
      FrameVersion version, int sequenceNumber, int panId, Address dst, Address src, boolean ar) {
    return builder(FrameType.DATA, version)
        .sequenceNumber(sequenceNumber)
        .intraPan(panId, dst, src)
        .ackRequest(ar)
        .build();
  }

  /** An immediate acknowledgment (802.15.4-2006 §7.2.2.3): frame control and sequence number. */
  public static MacHeader ack(int sequenceNumber, boolean framePending) {
    return builder(FrameType.ACK, FrameVersion.IEEE_2006)
        .sequenceNumber(sequenceNumber)
        .framePending(framePending)
        .build();
  }

  /** This header with Security Enabled set and {@code aux} added. */
  public MacHeader withSecurity(AuxSecurityHeader aux) {
    return withSecurity(Optional.of(aux));
  }

  /**
   * This header with Security Enabled clear and no auxiliary security header: how link security
   * hands a verified frame up, its payload in plaintext and without MIC.
   */
  public MacHeader withoutSecurity() {
    return withSecurity(Optional.empty());
  }

  private MacHeader withSecurity(Optional<AuxSecurityHeader> aux) {
    FrameControl f = frameControl;
    FrameControl fc =
        new FrameControl(
            f.frameType(),
            aux.isPresent(),
            f.framePending(),
            f.ackRequest(),
            f.panIdCompression(),
            f.sequenceNumberSuppression(),
            f.iePresent(),
            f.destinationMode(),
            f.version(),
            f.sourceMode());
    return new MacHeader(
        fc, sequenceNumber, destinationPanId, destination, sourcePanId, source, aux, headerIes);
  }

  /**
   * The source PAN ID, whether sent or implied: when only the destination PAN ID is sent and a
   * source address is present, the source is in the destination's PAN (both rule sets).
   */
  public OptionalInt effectiveSourcePanId() {
    if (sourcePanId.isPresent() || source.mode() == AddressMode.NONE) {
      return sourcePanId;
    }
    return destinationPanId;
  }

  /** Octets of MIC that the payload of a frame with this header ends with. */
  public int micLength() {
    return security.map(AuxSecurityHeader::micLength).orElse(0);
  }

  /** Octets this header takes on the air. */
  public int length() {
    int n = 2 + (sequenceNumber.isPresent() ? 1 : 0);
    n += (destinationPanId.isPresent() ? 2 : 0) + destination.mode().length();
    n += (sourcePanId.isPresent() ? 2 : 0) + source.mode().length();
    n += security.map(AuxSecurityHeader::length).orElse(0);
    for (HeaderIe ie : headerIes) {
      n += ie.length();
    }
    return n;
  }

  /** Collects header fields; {@link #build()} derives the frame control field. */
  public static final class Builder {
    private final FrameType type;
    private final FrameVersion version;
    private OptionalInt sequenceNumber = OptionalInt.empty();
    private OptionalInt dstPan = OptionalInt.empty();
    private Address dst = Address.NONE;
    private OptionalInt srcPan = OptionalInt.empty();
    private Address src = Address.NONE;
    private Optional<AuxSecurityHeader> security = Optional.empty();
    private List<HeaderIe> headerIes = new ArrayList<>();
    private boolean framePending;
    private boolean ackRequest;

    private Builder(FrameType type, FrameVersion version) {
      this.type = type;
      this.version = version;
    }

    /** Without a call to this, the sequence number is suppressed (2015 only). */
    public Builder sequenceNumber(int value) {
      sequenceNumber = OptionalInt.of(value);
      return this;
    }

    public Builder destination(int panId, Address address) {
      dstPan = OptionalInt.of(panId);
      dst = address;
      return this;
    }

    /** A destination address without its PAN ID (or a PAN ID implied by compression). */
    public Builder destination(Address address) {
      dstPan = OptionalInt.empty();
      dst = address;
      return this;
    }

    public Builder source(int panId, Address address) {
      srcPan = OptionalInt.of(panId);
      src = address;
      return this;
    }

    public Builder source(Address address) {
      srcPan = OptionalInt.empty();
      src = address;
      return this;
    }

    /** Both addresses in {@code panId}, the PAN ID sent once (see {@link MacHeader#data}). */
    public Builder intraPan(int panId, Address destination, Address source) {
      if (destination.mode() != AddressMode.NONE) {
        destination(panId, destination);
        source(source);
      } else {
        destination(destination);
        if (source.mode() != AddressMode.NONE) {
          source(panId, source);
        } else {
          source(source);
        }
      }
      return this;
    }

    public Builder security(AuxSecurityHeader aux) {
      security = Optional.of(aux);
      return this;
    }

    /** Header IEs; also sets IE Present (2015 only). */
    public Builder headerIes(List<HeaderIe> ies) {
      headerIes = new ArrayList<>(ies);
      return this;
    }

    public Builder framePending(boolean value) {
      framePending = value;
      return this;
    }

    public Builder ackRequest(boolean value) {
      ackRequest = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException if no PAN ID Compression value yields the PAN IDs given, or
     *     the fields do not suit the frame version
     */
    public MacHeader build() {
      PanIdCompression.Presence wanted =
          new PanIdCompression.Presence(dstPan.isPresent(), srcPan.isPresent());
      boolean compression =
          PanIdCompression.bitFor(version, dst.mode(), src.mode(), wanted)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "PAN IDs "
                              + wanted
                              + " cannot be sent with "
                              + dst.mode()
                              + "/"
                              + src.mode()
                              + " addresses in frame version "
                              + version));
      FrameControl fc =
          new FrameControl(
              type,
              security.isPresent(),
              framePending,
              ackRequest,
              compression,
              sequenceNumber.isEmpty(),
              !headerIes.isEmpty(),
              dst.mode(),
              version,
              src.mode());
      return new MacHeader(fc, sequenceNumber, dstPan, dst, srcPan, src, security, headerIes);
    }
  }
}
