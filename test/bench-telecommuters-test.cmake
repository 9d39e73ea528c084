# `natt bench telecommuters` at 50 hosts (issue 17), run by CTest as
#   cmake -DNATT=path/to/natt -P bench-telecommuters-test.cmake
# Figures are not asserted (they are the machine's); what must hold is read
# from the JSON: every IKE SA up, every packet delivered, in both runs, with
# the NAT-T state each host leaves behind (its two NAT mappings, IKE's and
# ESP-in-UDP's, four IPsec SAs per tunnel, RFC 3948 keepalives sent).

set(hosts 50)
execute_process(COMMAND ${NATT} bench telecommuters --hosts ${hosts} --hosts-per-nat 2 --json
  RESULT_VARIABLE status OUTPUT_VARIABLE json ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "natt bench telecommuters: exit ${status}\n${err}\n${json}")
endif()

function(expect what actual expected)
  if(NOT "${actual}" STREQUAL "${expected}")
    message(SEND_ERROR "${what}: ${actual}, expected ${expected}")
  else()
    message(STATUS "ok: ${what} = ${actual}")
  endif()
endfunction()

string(JSON gateways GET "${json}" gateways)
expect("gateways" "${gateways}" 1)
foreach(run plain natt)
  string(JSON sent GET "${json}" ${run} sent)
  string(JSON delivered GET "${json}" ${run} delivered)
  string(JSON drops GET "${json}" ${run} drops)
  if(sent LESS ${hosts})
    message(SEND_ERROR "${run}: only ${sent} packets sent by ${hosts} hosts")
  endif()
  expect("${run} delivered" "${delivered}" "${sent}")
  expect("${run} drops" "${drops}" 0)
endforeach()
string(JSON up GET "${json}" natt ike_sas_up)
expect("IKE SAs up" "${up}" ${hosts})
string(JSON sas GET "${json}" natt child_sas)
math(EXPR four_per_host "4 * ${hosts}")
expect("IPsec SAs (in and out, both ends)" "${sas}" ${four_per_host})
string(JSON mappings GET "${json}" natt nat_mappings)
math(EXPR two_per_host "2 * ${hosts}")
expect("NAT mappings (UDP 500 and 4500 per host)" "${mappings}" ${two_per_host})
string(JSON keepalives GET "${json}" natt keepalives)
if(keepalives LESS ${hosts})
  message(SEND_ERROR "only ${keepalives} NAT-keepalives from ${hosts} hosts behind NATs")
endif()
