# Extracts key material and protocol values from a charon filelog written with
# `ike = 4, enc = 4, chd = 4, cfg = 2` (strongSwan 5.9), one "KEY VALUE" line per
# finding (VALUE is lowercase hex, or text; "-" means zero bytes). Used by
# strongswan-capture.sh; POSIX awk (mawk) compatible.
#
#   awk -v side=i|r -v idi=ud@example.org -v idr=cd1@example.org -f strongswan-log-extract.awk charon.log
#
# Log lines look like "HH:MM:SS TT[GRP] <conn|n> text". Worker threads (TT)
# interleave, so every multi-line construct is tracked per thread:
#   LABEL => N bytes @ 0xADDR          followed by
#      OFF: XX XX ... (16 per line)  ASCII
# Payload contents are logged by the generic encoder/parser (enc = 4) as
# "generating payload of type NONCE" ... "rule 10 CHUNK_DATA" "=> 32 bytes @".

function who_by_gen(gen) {
  # The side that generates a payload is its author; the other side parses it.
  if (gen) return side
  return side == "i" ? "r" : "i"
}

function hex2num(h,    i, n) {
  n = 0
  for (i = 1; i <= length(h); i++) n = n * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
  return n
}

function rule10_value(t, v,    who) {
  who = who_by_gen(pdir[t] == "gen")
  if (ptype[t] == "AUTH") out("auth_" who "_method", v)
  else if (ptype[t] == "KEY_EXCHANGE") out("ke_" who "_group", v)
}

function out(key, value) {
  if (value == "") value = "-"
  print key, value
}

function tohex(s,    i, h, c) {
  h = ""
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    h = h sprintf("%02x", ord[c])
  }
  return h
}

# A complete hexdump arrived: decide what it is from its label and the thread's state.
function dump_done(t, grp, label, hex,    k, who) {
  if (label == "shared Diffie Hellman secret") out("dh_shared_secret", hex)
  else if (label == "SKEYSEED") out("skeyseed", hex)
  else if (label ~ /^Sk_(d|ai|ar|ei|er|pi|pr) secret$/) { k = label; sub(/ secret$/, "", k); out(tolower(k), hex) }
  else if (label == "IDx'") {
    # IDx' = ID type | 3 reserved bytes | identification data (RFC 7296 2.15)
    who = substr(hex, 9) == idi_hex ? "i" : (substr(hex, 9) == idr_hex ? "r" : "?")
    authctx[t] = who
    out("id_" who "_prime", hex)
  }
  else if (label ~ /^octets = /) out("auth_" authctx[t] "_octets", hex)
  else if (label == "secret" && grp == "IKE") out("psk", hex)
  else if (label == "prf(secret, keypad)") out("psk_keypad_prf", hex)
  else if (label ~ /^AUTH = prf\(prf\(secret, keypad\), octets\)$/) out("auth_" authctx[t], hex)
  else if (label == "seed" && grp == "CHD") out("esp_keymat_seed", hex)
  else if (label ~ /^(encryption|integrity) (initiator|responder) key$/) {
    split(label, w, " ")
    out("esp_" (w[1] == "encryption" ? "encr" : "integ") "_" substr(w[2], 1, 1), hex)
  }
  else if (label == "" && prule10[t]) {
    # the generator dumps a U_INT_16 as two bytes, the parser prints its value
    prule10[t] = 0
    rule10_value(t, hex2num(hex))
  }
  else if (label == "" && pchunk[t]) {
    pchunk[t] = 0
    who = who_by_gen(pdir[t] == "gen")
    if (ptype[t] == "NONCE") out("n" who, hex)
    else if (ptype[t] == "KEY_EXCHANGE") out("ke_" who, hex)
    else if (ptype[t] == "AUTH") out("auth_" who, hex)
  }
  else if (cstate[t] && label ~ /^(IV|plain|padding|assoc|encrypted|ICV)$/) {
    crypt[t, label] = hex
    crypt[t, label, "set"] = 1
    if (crypt[t, "IV", "set"] && crypt[t, "encrypted", "set"] && crypt[t, "ICV", "set"] \
        && crypt[t, "plain", "set"] && crypt[t, "padding", "set"]) {
      # one encrypted payload (SK or SKF) of one message: wire bytes IV|encrypted|ICV
      # "encrypted" includes the ICV when decrypting but not when encrypting;
      # IV|encrypted is on the wire either way, so it identifies the message.
      out("crypt", crypt[t, "IV"] crypt[t, "encrypted"] " " (crypt[t, "plain"] == "" ? "-" : crypt[t, "plain"]) " " crypt[t, "padding"])
      cstate[t] = 0
    }
  }
}

BEGIN {
  for (i = 0; i < 256; i++) ord[sprintf("%c", i)] = i
  idi_hex = tohex(idi)
  idr_hex = tohex(idr)
}

{
  t = $2; sub(/\[.*/, "", t)
  grp = $2; sub(/^[0-9]+\[/, "", grp); sub(/\].*/, "", grp)
  text = $0
  sub(/^[^ ]+ [^ ]+ /, "", text)
  if (text ~ /^<[^>]*> /) sub(/^<[^>]*> /, "", text)
}

# continuation of a hexdump in progress in this thread
dlen[t] != "" && text ~ /^ *[0-9]+: / {
  h = text
  sub(/^ *[0-9]+: /, "", h)
  h = substr(h, 1, 48)
  gsub(/ /, "", h)
  dhex[t] = dhex[t] tolower(h)
  if (length(dhex[t]) >= 2 * dlen[t]) {
    l = dlabel[t]; hx = dhex[t]; g = dgrp[t]
    dlen[t] = ""
    dump_done(t, g, l, hx)
  }
  next
}

# start of a hexdump: "LABEL => N bytes @ ADDR"
text ~ / ?=> [0-9]+ bytes @ / {
  label = text
  sub(/ ?=> [0-9]+ bytes @ .*$/, "", label)
  sub(/^ +/, "", label)
  n = text
  sub(/^.*=> /, "", n)
  sub(/ bytes @ .*$/, "", n)
  n = n + 0
  if (n == 0) { dump_done(t, grp, label, ""); next }
  dlen[t] = n; dhex[t] = ""; dlabel[t] = label; dgrp[t] = grp
  next
}

grp == "ENC" && text ~ /^generating payload of type (NONCE|KEY_EXCHANGE|AUTH)$/ {
  ptype[t] = text; sub(/^.* /, "", ptype[t]); pdir[t] = "gen"; pchunk[t] = 0; prule10[t] = 0; next
}
grp == "ENC" && text ~ /^parsing (NONCE|KEY_EXCHANGE|AUTH) payload, / {
  ptype[t] = text; sub(/^parsing /, "", ptype[t]); sub(/ .*/, "", ptype[t]); pdir[t] = "parse"; pchunk[t] = 0; prule10[t] = 0; next
}
grp == "ENC" && text ~ /^(generating|parsing) [A-Z_]+ payload finished$/ { ptype[t] = ""; next }
grp == "ENC" && ptype[t] != "" && text ~ /rule [0-9]+ CHUNK_DATA$/ { pchunk[t] = 1; next }
grp == "ENC" && ptype[t] != "" && text ~ /rule 10 U_INT_(8|16)$/ { prule10[t] = 1; next }
grp == "ENC" && text ~ /rule [0-9]+ / { prule10[t] = 0 }
grp == "ENC" && prule10[t] && text ~ /^ *=> [0-9]+$/ {
  prule10[t] = 0
  v = text; sub(/^ *=> /, "", v)
  rule10_value(t, v + 0)
  next
}
grp == "ENC" && text ~ /^encrypted (fragment )?payload (encryption|decryption):$/ {
  cstate[t] = 1
  split("IV plain padding assoc encrypted ICV", names, " ")
  for (i in names) { crypt[t, names[i]] = ""; crypt[t, names[i], "set"] = 0 }
  next
}

grp == "CFG" && text ~ /^selected proposal: IKE:/ { v = text; sub(/^selected proposal: /, "", v); out("ike_proposal", v); next }
grp == "CFG" && text ~ /^selected proposal: ESP:/ { v = text; sub(/^selected proposal: /, "", v); out("esp_proposal", v); next }

grp == "IKE" && text ~ /^authentication of '[^']*' (\(myself\) )?with / {
  id = text; sub(/^authentication of '/, "", id); sub(/'.*$/, "", id)
  v = text; sub(/^.* with /, "", v); sub(/ successful$/, "", v)
  out("auth_" (id == idi ? "i" : "r") "_scheme", v)
  next
}

# "CHILD_SA c{1} established with SPIs de27ff40_i ee5d3413_o and TS ..."
grp == "IKE" && text ~ /^CHILD_SA .* established with SPIs / {
  v = text; sub(/^.* with SPIs /, "", v)
  split(v, w, " ")
  sub(/_i$/, "", w[1]); sub(/_o$/, "", w[2])
  # _i is the SPI this side receives with, i.e. the one it put in its own SA payload
  out("esp_spi_" side, w[1])
  out("esp_spi_" (side == "i" ? "r" : "i"), w[2])
  ts = v; sub(/^.* and TS /, "", ts)
  if (side == "i") out("esp_ts", ts)
  next
}
