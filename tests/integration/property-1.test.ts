// Part 1 of the service-layer property test (tests/support/property-run.ts).
import { propertyTestPart } from "../support/property-run";

propertyTestPart(1, 4);
