# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# natt for waf-era ns-3 trees (<= 3.35): put this folder in contrib/ as
# "natt". CMakeLists.txt is the primary build; this file builds the same
# pieces from the same folders:
#   - the module: model/**, helper/ (headers flattened into ns3/, as ns-3
#     does for every module), linked to OpenSSL's libcrypto;
#   - its ns-3 TestSuites (test/*-test-suite.cc), run by ./test.py;
#   - the examples (examples/*.cc) when examples are enabled;
#   - the `natt` command: scenarios/ and scenarios/catalogue/, with
#     Boost.Program_options and the bridge module.
# The GoogleTest suites (test/*-test.cc) build with CMake only.
# Logging and asserts follow the tree's build profile, as for ns-3's modules.

NATT_MODULE_DEPS = ['core', 'network', 'internet', 'point-to-point', 'csma', 'applications',
                    'virtual-net-device']


def configure(conf):
    conf.check_cfg(package='libcrypto', args=['--cflags', '--libs'],
                   uselib_store='OPENSSL', mandatory=True)
    conf.check_cxx(lib='boost_program_options', uselib_store='BOOST_PO', mandatory=True)


def _sources(bld, patterns, exclude=()):
    return [node.path_from(bld.path)
            for node in bld.path.ant_glob(patterns, excl=list(exclude))]


def build(bld):
    module = bld.create_ns3_module('natt', NATT_MODULE_DEPS)
    module.source = _sources(bld, ['model/**/*.cc', 'helper/*.cc'])
    module.use.append('OPENSSL')

    headers = bld(features='ns3header')
    headers.module = 'natt'
    headers.source = _sources(bld, ['model/**/*.h', 'helper/*.h'])

    module_test = bld.create_ns3_module_test_library('natt')
    module_test.source = _sources(bld, ['test/*-test-suite.cc'])

    if bld.env['ENABLE_EXAMPLES']:
        for source in _sources(bld, ['examples/*.cc']):
            name = source.split('/')[-1][:-len('.cc')]
            example = bld.create_ns3_program(name, ['natt'])
            example.source = source

    # `natt matrix` finds its plot script and the test PKI in this folder.
    # The catalogue's sources are compiled into the program itself, never
    # archived: each entry registers itself from its own file and nothing
    # refers to it, so an archive would lose it (CMakeLists.txt's OBJECT
    # library, for the same reason).
    cli = bld.create_ns3_program('natt', ['natt', 'bridge'])
    cli.source = _sources(bld, ['scenarios/*.cc', 'scenarios/catalogue/*.cc'])
    cli.includes = ['scenarios']
    cli.defines = ['NATT_SOURCE_DIR="%s"' % bld.path.abspath()]
    cli.use.append('BOOST_PO')
