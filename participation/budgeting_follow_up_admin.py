"""(being written for issue 20)"""
