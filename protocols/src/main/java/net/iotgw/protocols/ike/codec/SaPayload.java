package net.iotgw.protocols.ike.codec;

import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Security Association payload (RFC 7296 §3.3): proposals, most preferred first. Every nested
 * length and count must agree with the bytes, and each Last Substruc marker with its position
 * (§3.3: "MUST check that the total Payload Length is consistent with the payload's internal
 * lengths and counts").
 */
public record SaPayload(List<Proposal> proposals) implements Payload {

  public SaPayload {
    proposals = List.copyOf(proposals);
  }

  @Override
  public int type() {
    return PayloadType.SA.id();
  }

  @Override
  public void writeBody(WireWriter out) {
    for (int i = 0; i < proposals.size(); i++) {
      proposals.get(i).write(out, i == proposals.size() - 1);
    }
  }

  static SaPayload read(WireReader body) throws Malformed {
    List<Proposal> proposals = new ArrayList<>();
    while (body.hasRemaining()) {
      int marker = body.u8("proposal last substructure");
      body.u8("proposal reserved");
      int length = body.u16("proposal length");
      if (length < Proposal.FIXED_LENGTH) {
        throw Slice.badLength(body, "proposal length " + length);
      }
      proposals.add(
          Slice.read(body, length - Proposal.HEADER_LENGTH, "proposal", Proposal::read));
      boolean last = !body.hasRemaining();
      if (marker != (last ? 0 : Proposal.MORE)) {
        throw Slice.syntax(
            body,
            "proposal "
                + proposals.size()
                + (last ? " is last" : " is not last")
                + " but has Last Substruc "
                + marker);
      }
    }
    return new SaPayload(proposals);
  }
}
