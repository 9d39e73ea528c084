-- SPDX-License-Identifier: GPL-2.0-only
--
-- Wireshark dissector for natt's DNAT allocation protocol (doc/dnat.rst):
-- the messages a host and its DNAT router exchange on UDP port 4950 to
-- grant, renew and release a block of ports and a block of SPIs (3Com
-- DNAT disclosure, seed 003, "Summary of DNAT" list item 3 and "IPsec
-- Across a DNAT Network"). The disclosure describes the protocol only in
-- words; the format is natt's own, so no Wireshark release knows it.
--
-- Load it with
--   tshark -X lua_script:doc/wireshark/dnat-allocation.lua ...
-- It registers on UDP port 4950 (natt's DNAT_ALLOCATION_UDP_PORT), which no
-- stock dissector claims.
--
-- Layout (all big-endian): an 8-octet prefix (version 1, type, length,
-- transaction ID); requests (types 1-3, 24 octets) carry the host's local
-- address, ports and SPIs wanted and a lease ID; replies (0x81-0x83, 40
-- octets) the router's global address, the host's local address, lease ID
-- and time, the port and SPI ranges and a status.

local dnat = Proto("dnat_alloc", "natt DNAT Allocation Protocol")

local types = {
    [0x01] = "REQUEST", [0x02] = "RENEW", [0x03] = "RELEASE",
    [0x81] = "GRANT", [0x82] = "RELEASED", [0x83] = "REFUSED",
}
local statuses = {
    [0] = "OK", [1] = "No free port block", [2] = "No free SPI block",
    [3] = "Unknown lease", [4] = "Wrong host",
}

local f = dnat.fields
f.version = ProtoField.uint8("dnat_alloc.version", "Version", base.DEC)
f.type = ProtoField.uint8("dnat_alloc.type", "Type", base.HEX, types)
f.length = ProtoField.uint16("dnat_alloc.length", "Length", base.DEC)
f.xid = ProtoField.uint32("dnat_alloc.xid", "Transaction ID", base.HEX)
f.host = ProtoField.ipv4("dnat_alloc.host", "Host local address")
f.router = ProtoField.ipv4("dnat_alloc.router", "Router global address")
f.ports_wanted = ProtoField.uint16("dnat_alloc.ports_wanted", "Ports wanted", base.DEC)
f.spis_wanted = ProtoField.uint32("dnat_alloc.spis_wanted", "SPIs wanted", base.DEC)
f.reserved = ProtoField.bytes("dnat_alloc.reserved", "Reserved")
f.lease = ProtoField.uint32("dnat_alloc.lease", "Lease ID", base.DEC)
f.lease_time = ProtoField.uint32("dnat_alloc.lease_time", "Lease time (s)", base.DEC)
f.first_port = ProtoField.uint16("dnat_alloc.first_port", "First port", base.DEC)
f.last_port = ProtoField.uint16("dnat_alloc.last_port", "Last port", base.DEC)
f.first_spi = ProtoField.uint32("dnat_alloc.first_spi", "First SPI", base.HEX)
f.last_spi = ProtoField.uint32("dnat_alloc.last_spi", "Last SPI", base.HEX)
f.status = ProtoField.uint8("dnat_alloc.status", "Status", base.DEC, statuses)

local e_bad = ProtoExpert.new("dnat_alloc.bad.expert",
    "Not a DNAT allocation message natt would accept (version, type or length)",
    expert.group.MALFORMED, expert.severity.ERROR)
dnat.experts = { e_bad }

local PREFIX = 8
local REQUEST_SIZE = 24
local REPLY_SIZE = 40

function dnat.dissector(tvb, pinfo, tree)
    pinfo.cols.protocol = "DNAT-ALLOC"
    local subtree = tree:add(dnat, tvb())
    if tvb:len() < PREFIX then
        subtree:add_proto_expert_info(e_bad)
        return tvb:len()
    end
    subtree:add(f.version, tvb(0, 1))
    local type_item = subtree:add(f.type, tvb(1, 1))
    subtree:add(f.length, tvb(2, 2))
    subtree:add(f.xid, tvb(4, 4))
    local version = tvb(0, 1):uint()
    local kind = tvb(1, 1):uint()
    local length = tvb(2, 2):uint()
    local size = (kind >= 0x81) and REPLY_SIZE or REQUEST_SIZE
    if version ~= 1 or types[kind] == nil or length ~= size or tvb:len() < size then
        type_item:add_proto_expert_info(e_bad)
        return tvb:len()
    end
    subtree:set_len(size)
    pinfo.cols.info = types[kind]
    if kind < 0x81 then
        subtree:add(f.host, tvb(8, 4))
        subtree:add(f.ports_wanted, tvb(12, 2))
        subtree:add(f.reserved, tvb(14, 2))
        subtree:add(f.spis_wanted, tvb(16, 4))
        subtree:add(f.lease, tvb(20, 4))
        pinfo.cols.info = types[kind] .. " from " .. tostring(tvb(8, 4):ipv4())
            .. ", lease " .. tvb(20, 4):uint()
    else
        subtree:add(f.router, tvb(8, 4))
        subtree:add(f.host, tvb(12, 4))
        subtree:add(f.lease, tvb(16, 4))
        subtree:add(f.lease_time, tvb(20, 4))
        subtree:add(f.first_port, tvb(24, 2))
        subtree:add(f.last_port, tvb(26, 2))
        subtree:add(f.first_spi, tvb(28, 4))
        subtree:add(f.last_spi, tvb(32, 4))
        subtree:add(f.status, tvb(36, 1))
        subtree:add(f.reserved, tvb(37, 3))
        pinfo.cols.info = types[kind] .. " to " .. tostring(tvb(12, 4):ipv4())
            .. ", ports " .. tvb(24, 2):uint() .. "-" .. tvb(26, 2):uint()
            .. ", lease " .. tvb(16, 4):uint() .. " (" .. tvb(20, 4):uint() .. " s)"
    end
    return size
end

DissectorTable.get("udp.port"):add(4950, dnat)
