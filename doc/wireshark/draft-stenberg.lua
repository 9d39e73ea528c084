-- SPDX-License-Identifier: GPL-2.0-only
--
-- Wireshark dissector for draft-stenberg-ipsec-nat-traversal-00: the NAT-T
-- envelope (section 3.2, Figure 3) and heartbeat (3.3.1, Figure 5) sent on
-- the IKE port. Wireshark has no dissector for this draft, and its ISAKMP
-- dissector reads an envelope as an ISAKMP header of version 0.0 followed by
-- a length it cannot honour (Malformed); that is the draft's intent (the
-- packet must be invalid IKE) but hides what is inside.
--
-- Load it with
--   tshark -X lua_script:doc/wireshark/draft-stenberg.lua -o udp.try_heuristic_first:TRUE ...
-- (or copy it to Wireshark's personal plugins folder and enable "Try
-- heuristic sub-dissectors first" under UDP). It is a heuristic on UDP: it
-- claims a datagram to or from port 500 only when the draft's own test
-- says it is NAT-T (at least 18 bytes, byte 17, where ISAKMP keeps its
-- version, zero); everything else goes on to the ISAKMP dissector as usual.
-- The ESP or AH packet inside an envelope is handed to Wireshark's own
-- dissector for the protocol the envelope names.
--
-- Layout: 18 octets as drawn in the figures (the draft's section 4.2 counts
-- 17; see StenbergEnvelopeHeader in model/wire for why the figure wins).

local stenberg = Proto("stenberg", "draft-stenberg IPsec NAT-Traversal")

local types = { [1] = "IPv4 encapsulation", [2] = "Heartbeat" }
local flags = { [1] = "Ping", [2] = "Reply" }

local f = stenberg.fields
f.type = ProtoField.uint8("stenberg.type", "NAT-T version", base.DEC, types)
f.hlen = ProtoField.uint8("stenberg.hlen", "IPv4 header length (32-bit words)", base.DEC)
f.tos = ProtoField.uint8("stenberg.tos", "IPv4 ToS", base.HEX)
f.protocol = ProtoField.uint8("stenberg.protocol", "IPv4 protocol", base.DEC)
f.id = ProtoField.uint16("stenberg.id", "IPv4 identification", base.HEX)
f.frag = ProtoField.uint16("stenberg.frag", "IPv4 flags and fragment offset", base.HEX)
f.src = ProtoField.ipv4("stenberg.src", "IPv4 source")
f.flag = ProtoField.uint8("stenberg.flag", "Heartbeat flag", base.DEC, flags)
f.unused = ProtoField.bytes("stenberg.unused", "Unused")
f.ike_version = ProtoField.uint8("stenberg.ike_version", "IKE version (always 0)", base.DEC)
f.leftovers = ProtoField.bytes("stenberg.leftovers", "IPv4 header leftovers")

local e_unknown_type = ProtoExpert.new("stenberg.unknown_type.expert",
    "Undefined NAT-T version; the draft drops it (3.2)",
    expert.group.PROTOCOL, expert.severity.WARN)
local e_bad_hlen = ProtoExpert.new("stenberg.bad_hlen.expert",
    "IPv4 header length outside 5..15 words",
    expert.group.MALFORMED, expert.severity.ERROR)
local e_unknown_flag = ProtoExpert.new("stenberg.unknown_flag.expert",
    "Undefined heartbeat flag; the draft ignores it (3.3.1)",
    expert.group.PROTOCOL, expert.severity.NOTE)
stenberg.experts = { e_unknown_type, e_bad_hlen, e_unknown_flag }

local FIXED = 18
local IKE_PORT = 500

local function dissect(tvb, pinfo, tree)
    local kind = tvb(0, 1):uint()
    pinfo.cols.protocol = "NAT-T"
    local subtree = tree:add(stenberg, tvb(0, FIXED))
    local type_item = subtree:add(f.type, tvb(0, 1))
    if kind == 1 then
        local hlen = tvb(1, 1):uint()
        local hlen_item = subtree:add(f.hlen, tvb(1, 1))
        subtree:add(f.tos, tvb(2, 1))
        subtree:add(f.protocol, tvb(3, 1))
        subtree:add(f.id, tvb(4, 2))
        subtree:add(f.frag, tvb(6, 2))
        subtree:add(f.src, tvb(8, 4))
        subtree:add(f.unused, tvb(12, 5))
        subtree:add(f.ike_version, tvb(17, 1))
        if hlen < 5 or hlen > 15 then
            hlen_item:add_proto_expert_info(e_bad_hlen)
            return tvb:len()
        end
        local header = FIXED + (hlen - 5) * 4
        if header > FIXED then
            subtree:add(f.leftovers, tvb(FIXED, header - FIXED))
            subtree:set_len(header)
        end
        local protocol = tvb(3, 1):uint()
        pinfo.cols.info = "NAT-T envelope, IPv4 protocol " .. protocol
        if tvb:len() > header then
            DissectorTable.get("ip.proto"):try(protocol, tvb(header):tvb(), pinfo, tree)
        end
    elseif kind == 2 then
        local flag = tvb(1, 1):uint()
        local flag_item = subtree:add(f.flag, tvb(1, 1))
        subtree:add(f.unused, tvb(2, 15))
        subtree:add(f.ike_version, tvb(17, 1))
        pinfo.cols.info = "NAT-T heartbeat " .. (flags[flag] or ("flag " .. flag))
        if flags[flag] == nil then
            flag_item:add_proto_expert_info(e_unknown_flag)
        end
    else
        subtree:add(f.unused, tvb(1, 16))
        subtree:add(f.ike_version, tvb(17, 1))
        type_item:add_proto_expert_info(e_unknown_type)
        pinfo.cols.info = "NAT-T version " .. kind
    end
    return tvb:len()
end

local function heuristic(tvb, pinfo, tree)
    if pinfo.src_port ~= IKE_PORT and pinfo.dst_port ~= IKE_PORT then
        return false
    end
    if tvb:len() < FIXED or tvb(17, 1):uint() ~= 0 then
        return false -- IKE (or too short for either)
    end
    dissect(tvb, pinfo, tree)
    return true
end

stenberg:register_heuristic("udp", heuristic)
