# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# natt for waf-era ns-3 trees (<= 3.35): put this folder in src/ or contrib/
# as "natt". CMake (CMakeLists.txt) is the primary build; this file mirrors
# its layout: the model and helpers form the module, scenarios/ the command.


def configure(conf):
    conf.check_cfg(package='libcrypto', args=['--cflags', '--libs'],
                   uselib_store='OPENSSL', mandatory=True)
    conf.check_cxx(lib='boost_program_options', uselib_store='BOOST_PO', mandatory=True)
    conf.env.append_value('DEFINES', ['NS3_LOG_ENABLE'])


def _sources(bld, patterns, exclude=()):
    return [node.path_from(bld.path)
            for node in bld.path.ant_glob(patterns, excl=list(exclude))]


def build(bld):
    module = bld.create_ns3_module('natt', ['core', 'network', 'internet', 'point-to-point',
                                            'csma', 'applications', 'virtual-net-device'])
    module.source = _sources(bld, ['model/**/*.cc', 'helper/*.cc'])
    module.use.append('OPENSSL')

    headers = bld(features='ns3header')
    headers.module = 'natt'
    headers.source = _sources(bld, ['model/**/*.h', 'helper/*.h'])

    module_test = bld.create_ns3_module_test_library('natt')
    module_test.source = _sources(bld, ['test/*-test-suite.cc'])

    cli = bld.create_ns3_program('natt', ['natt'])
    cli.source = _sources(bld, ['scenarios/*.cc', 'scenarios/catalogue/*.cc'])
    cli.use.append('BOOST_PO')
