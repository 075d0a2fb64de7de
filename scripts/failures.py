#!/usr/bin/env python3
"""Prints each failed test of the given .trx files with its message and the top of its stack trace.

The test command runs quietly, so without this a CI log names a failed test but not why it failed.
"""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}

for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") != "Failed":
            continue
        message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NS).strip()
        stack = result.findtext("t:Output/t:ErrorInfo/t:StackTrace", default="", namespaces=NS).strip()
        print(f"--- FAILED {result.get('testName')} ({result.get('duration')})")
        print(message[:4000])
        print("\n".join(stack.splitlines()[:25]))
