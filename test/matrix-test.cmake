# The main job (issue 6, DESIGN section 4), run by CTest as
#   cmake -DNATT=path/to/natt -DWORK=dir -P matrix-test.cmake
# `natt matrix` runs every entry and variant, exits 0 only when every row
# matches, and writes results.json, results.csv, report.md and six plots.

file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${NATT} matrix --out ${WORK} --jobs 2
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "${out}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "natt matrix exited ${status}\n${err}")
endif()
foreach(file results.json results.csv report.md)
  if(NOT EXISTS ${WORK}/${file})
    message(FATAL_ERROR "natt matrix wrote no ${file}")
  endif()
endforeach()
file(READ ${WORK}/results.json json)
string(FIND "${json}" "\"match\": false" mismatch)
if(NOT mismatch EQUAL -1)
  message(FATAL_ERROR "a row does not match:\n${json}")
endif()
foreach(plot rfc3715-k-keepalive rfc3715-f-misdelivery encapsulation-overhead
        rfc3715-m-cert-chain ike-setup passthrough-router-learning-race)
  if(NOT EXISTS ${WORK}/plots/${plot}.png OR NOT EXISTS ${WORK}/plots/${plot}.csv)
    message(FATAL_ERROR "natt matrix drew no ${plot} plot")
  endif()
  file(READ ${WORK}/plots/${plot}.png magic LIMIT 4 HEX)
  if(NOT magic STREQUAL "89504e47")
    message(FATAL_ERROR "plots/${plot}.png is not a PNG")
  endif()
endforeach()
file(READ ${WORK}/report.md report)
string(FIND "${report}" "## Plots" plots)
if(plots EQUAL -1)
  message(FATAL_ERROR "report.md does not show the plots")
endif()
