// The baseline accepts the reversal: check passes; report writes the merged report, its HTML, SARIF and JUnit XML.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('lockwitness: passed, no rule failed (1 finding(s): 0 new, 1 in the baseline, 0 suppressed)')
assert log.contains('BUILD SUCCESS')

def sarif = new JsonSlurper().parse(new File(basedir, 'target/lockwitness/lockwitness.sarif'))
assert sarif.version == '2.1.0'
def results = sarif.runs[0].results
assert results.size() == 1
assert results[0].ruleId == 'LOCK_ORDER_REVERSAL'
assert results[0].baselineState == 'unchanged'
def uri = results[0].locations[0].physicalLocation?.artifactLocation?.uri
assert uri?.endsWith('it/AbbaTest.java') : "the location resolves in the test source root: ${results[0].locations[0]}"

def junit = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File(basedir, 'target/lockwitness/TEST-lockwitness.xml'))
assert junit.getElementsByTagName('testcase').length == 1
assert junit.getElementsByTagName('failure').length == 0

def merged = new JsonSlurper().parse(new File(basedir, 'target/lockwitness-merged/witness.json'))
assert merged.findings.any { it.rule == 'LOCK_ORDER_REVERSAL' }

def html = new File(basedir, 'target/lockwitness-merged/index.html').text
assert html.contains('LOCK_ORDER_REVERSAL') : 'the HTML report names the reversal'
assert html.contains('<svg') : 'the HTML report draws the graph'
true
