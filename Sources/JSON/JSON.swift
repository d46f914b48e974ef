import CJansson
import Rego
