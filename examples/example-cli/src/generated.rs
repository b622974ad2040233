#[allow(
    clippy::all,
    non_camel_case_types,
    non_snake_case,
    unused_imports,
    dead_code,
    rustdoc::bare_urls
)]
pub mod sales_order {
    //! Generated from `metadata-samples/API_SALES_ORDER_SRV.edmx` by odata-codegen: OData V2 (Edmx 1.0), namespace `API_SALES_ORDER_SRV`, entity container `API_SALES_ORDER_SRV_Entities`.
    //!
    //! 5 entity types, 4 complex types, 0 enum types, 5 entity sets, 3 operations.
    /// The OData version of this service.
    pub const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
    /// The namespace of the service's first schema.
    pub const NAMESPACE: &str = "API_SALES_ORDER_SRV";
    /// Entity set names (the first URL segment after the service root).
    pub mod entity_sets {
        /// Entity set `A_SalesOrder` of [`SalesOrder`](super::SalesOrder).
        pub const A_SALES_ORDER: &str = "A_SalesOrder";
        /// Entity set `A_SalesOrderHeaderPartner` of [`SalesOrderHeaderPartner`](super::SalesOrderHeaderPartner).
        pub const A_SALES_ORDER_HEADER_PARTNER: &str = "A_SalesOrderHeaderPartner";
        /// Entity set `A_SalesOrderItem` of [`SalesOrderItem`](super::SalesOrderItem).
        pub const A_SALES_ORDER_ITEM: &str = "A_SalesOrderItem";
        /// Entity set `A_SalesOrderItemPrElement` of [`SalesOrderItemPrElement`](super::SalesOrderItemPrElement) (not deletable).
        pub const A_SALES_ORDER_ITEM_PR_ELEMENT: &str = "A_SalesOrderItemPrElement";
        /// Entity set `A_SalesOrderScheduleLine` of [`SalesOrderScheduleLine`](super::SalesOrderScheduleLine) (not creatable, not updatable, not deletable).
        pub const A_SALES_ORDER_SCHEDULE_LINE: &str = "A_SalesOrderScheduleLine";
    }
    /// Operation names: imports (unbound) by their name, bound operations by
    /// their qualified name, as they appear in URLs.
    pub mod operations {
        /// Function (GET `GetOpenAmounts`): parameters `SoldToParty`: `Edm.String`, `FromDate`: `Edm.DateTime`; returns collection of `API_SALES_ORDER_SRV.CT_Quantity`.
        pub const GET_OPEN_AMOUNTS: &str = "GetOpenAmounts";
        /// Action (POST `ReleaseSalesOrder`): parameters `SalesOrder`: `Edm.String`; returns `API_SALES_ORDER_SRV.A_SalesOrderType`.
        pub const RELEASE_SALES_ORDER: &str = "ReleaseSalesOrder";
        /// Simulate
        ///
        /// Action (POST `SimulateSalesOrder`): parameters `SoldToParty`: `Edm.String`, `Material`: `Edm.String`, `Quantity`: `Edm.Decimal`; returns `API_SALES_ORDER_SRV.CT_SimulationResult`.
        pub const SIMULATE_SALES_ORDER: &str = "SimulateSalesOrder";
    }
    /// A marker type per entity set and singleton, carrying what the metadata
    /// allows on it.
    pub mod sets {
        /// Entity set `A_SalesOrder` of [`SalesOrder`](super::SalesOrder): read, create, update, delete.
        pub struct SalesOrder;
        impl ::odata_runtime::request::EntitySet for SalesOrder {
            type Entity = super::SalesOrder;
            type Patch = super::SalesOrderPatch;
            const NAME: &'static str = "A_SalesOrder";
            const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        }
        impl ::odata_runtime::request::Creatable for SalesOrder {
            type New = super::NewSalesOrder;
        }
        impl ::odata_runtime::request::Updatable for SalesOrder {}
        impl ::odata_runtime::request::Deletable for SalesOrder {}
        /// Entity set `A_SalesOrderHeaderPartner` of [`SalesOrderHeaderPartner`](super::SalesOrderHeaderPartner): read, create, update, delete.
        pub struct SalesOrderHeaderPartner;
        impl ::odata_runtime::request::EntitySet for SalesOrderHeaderPartner {
            type Entity = super::SalesOrderHeaderPartner;
            type Patch = super::SalesOrderHeaderPartnerPatch;
            const NAME: &'static str = "A_SalesOrderHeaderPartner";
            const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        }
        impl ::odata_runtime::request::Creatable for SalesOrderHeaderPartner {
            type New = super::NewSalesOrderHeaderPartner;
        }
        impl ::odata_runtime::request::Updatable for SalesOrderHeaderPartner {}
        impl ::odata_runtime::request::Deletable for SalesOrderHeaderPartner {}
        /// Entity set `A_SalesOrderItem` of [`SalesOrderItem`](super::SalesOrderItem): read, create, update, delete.
        pub struct SalesOrderItem;
        impl ::odata_runtime::request::EntitySet for SalesOrderItem {
            type Entity = super::SalesOrderItem;
            type Patch = super::SalesOrderItemPatch;
            const NAME: &'static str = "A_SalesOrderItem";
            const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        }
        impl ::odata_runtime::request::Creatable for SalesOrderItem {
            type New = super::NewSalesOrderItem;
        }
        impl ::odata_runtime::request::Updatable for SalesOrderItem {}
        impl ::odata_runtime::request::Deletable for SalesOrderItem {}
        /// Entity set `A_SalesOrderItemPrElement` of [`SalesOrderItemPrElement`](super::SalesOrderItemPrElement): read, create, update.
        pub struct SalesOrderItemPrElement;
        impl ::odata_runtime::request::EntitySet for SalesOrderItemPrElement {
            type Entity = super::SalesOrderItemPrElement;
            type Patch = super::SalesOrderItemPrElementPatch;
            const NAME: &'static str = "A_SalesOrderItemPrElement";
            const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        }
        impl ::odata_runtime::request::Creatable for SalesOrderItemPrElement {
            type New = super::NewSalesOrderItemPrElement;
        }
        impl ::odata_runtime::request::Updatable for SalesOrderItemPrElement {}
        /// Entity set `A_SalesOrderScheduleLine` of [`SalesOrderScheduleLine`](super::SalesOrderScheduleLine): read-only.
        pub struct SalesOrderScheduleLine;
        impl ::odata_runtime::request::EntitySet for SalesOrderScheduleLine {
            type Entity = super::SalesOrderScheduleLine;
            type Patch = super::SalesOrderScheduleLinePatch;
            const NAME: &'static str = "A_SalesOrderScheduleLine";
            const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        }
    }
    /// The parameters of [`Service::get_open_amounts`] (`GetOpenAmounts`).
    #[derive(::core::default::Default)]
    pub struct GetOpenAmountsParameters {
        /// `SoldToParty`: `Edm.String`.
        pub sold_to_party: ::std::string::String,
        /// `FromDate`: `Edm.DateTime`.
        pub from_date: ::odata_runtime::edm::DateTime,
    }
    impl ::odata_runtime::__private::Object for GetOpenAmountsParameters {
        const KEYS: &'static [&'static str] = &["SoldToParty", "FromDate"];
        const OMIT_NONE: bool = false;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "GetOpenAmountsParameters";
        const NAMES: &'static [&'static str] = &["sold_to_party", "from_date"];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::String(&self.sold_to_party),
                1 => F::DateTime(&self.from_date),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::String(&mut self.sold_to_party),
                1 => F::DateTime(&mut self.from_date),
                _ => F::Other,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(GetOpenAmountsParameters, clone);
    impl ::odata_runtime::__private::Parameters for GetOpenAmountsParameters {
        fn arguments(
            &self,
            version: ::odata_runtime::Version,
        ) -> ::std::vec::Vec<(&'static str, ::odata_runtime::__private::Argument)> {
            let _ = version;
            let mut out = ::std::vec::Vec::new();
            {
                let value = &self.sold_to_party;
                out.push((
                    "SoldToParty",
                    ::odata_runtime::__private::Argument::edm(value, version),
                ));
            }
            {
                let value = &self.from_date;
                out.push((
                    "FromDate",
                    ::odata_runtime::__private::Argument::edm(value, version),
                ));
            }
            out
        }
    }
    /// The parameters of [`Service::release_sales_order`] (`ReleaseSalesOrder`).
    #[derive(::core::default::Default)]
    pub struct ReleaseSalesOrderParameters {
        /// `SalesOrder`: `Edm.String`.
        pub sales_order: ::std::string::String,
    }
    impl ::odata_runtime::__private::Object for ReleaseSalesOrderParameters {
        const KEYS: &'static [&'static str] = &["SalesOrder"];
        const OMIT_NONE: bool = false;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "ReleaseSalesOrderParameters";
        const NAMES: &'static [&'static str] = &["sales_order"];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::String(&self.sales_order),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::String(&mut self.sales_order),
                _ => F::Other,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(ReleaseSalesOrderParameters, clone);
    impl ::odata_runtime::__private::Parameters for ReleaseSalesOrderParameters {
        fn arguments(
            &self,
            version: ::odata_runtime::Version,
        ) -> ::std::vec::Vec<(&'static str, ::odata_runtime::__private::Argument)> {
            let _ = version;
            let mut out = ::std::vec::Vec::new();
            {
                let value = &self.sales_order;
                out.push((
                    "SalesOrder",
                    ::odata_runtime::__private::Argument::edm(value, version),
                ));
            }
            out
        }
    }
    /// The parameters of [`Service::simulate_sales_order`] (`SimulateSalesOrder`).
    #[derive(::core::default::Default)]
    pub struct SimulateSalesOrderParameters {
        /// `SoldToParty`: `Edm.String`.
        pub sold_to_party: ::std::string::String,
        /// `Material`: `Edm.String`.
        pub material: ::std::string::String,
        /// `Quantity`: `Edm.Decimal`.
        pub quantity: ::odata_runtime::edm::Decimal,
    }
    impl ::odata_runtime::__private::Object for SimulateSalesOrderParameters {
        const KEYS: &'static [&'static str] = &["SoldToParty", "Material", "Quantity"];
        const OMIT_NONE: bool = false;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "SimulateSalesOrderParameters";
        const NAMES: &'static [&'static str] = &[
            "sold_to_party",
            "material",
            "quantity",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::String(&self.sold_to_party),
                1 => F::String(&self.material),
                2 => F::Decimal(&self.quantity),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::String(&mut self.sold_to_party),
                1 => F::String(&mut self.material),
                2 => F::Decimal(&mut self.quantity),
                _ => F::Other,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(SimulateSalesOrderParameters, clone);
    impl ::odata_runtime::__private::Parameters for SimulateSalesOrderParameters {
        fn arguments(
            &self,
            version: ::odata_runtime::Version,
        ) -> ::std::vec::Vec<(&'static str, ::odata_runtime::__private::Argument)> {
            let _ = version;
            let mut out = ::std::vec::Vec::new();
            {
                let value = &self.sold_to_party;
                out.push((
                    "SoldToParty",
                    ::odata_runtime::__private::Argument::edm(value, version),
                ));
            }
            {
                let value = &self.material;
                out.push((
                    "Material",
                    ::odata_runtime::__private::Argument::edm(value, version),
                ));
            }
            {
                let value = &self.quantity;
                out.push((
                    "Quantity",
                    ::odata_runtime::__private::Argument::edm(value, version),
                ));
            }
            out
        }
    }
    /// The service: one accessor per entity set and singleton, and a method per
    /// operation import, each starting typed requests on the client the service
    /// was made with.
    ///
    /// ```ignore
    /// let client = odata_runtime::Client::builder("https://host/path/to/service/").build()?;
    /// let svc = Service::new(&client);
    /// let page = svc.sales_order().list().top(10).with_count().send().await?;
    /// for item in &page.items { /* SalesOrder */ }
    /// ```
    #[derive(::core::clone::Clone, ::core::fmt::Debug)]
    pub struct Service {
        client: ::odata_runtime::Client,
    }
    impl Service {
        /// The service on `client` (whose service root is this service's URL).
        pub fn new(client: &::odata_runtime::Client) -> Self {
            Service {
                client: ::core::clone::Clone::clone(client),
            }
        }
        /// A `$batch` of this service's requests: reads, and changesets of
        /// writes applied all or none (see the runtime's `batch` module).
        pub fn batch(&self) -> ::odata_runtime::batch::Batch {
            ::odata_runtime::batch::Batch::new(
                &self.client,
                ::odata_runtime::Version::V2,
            )
        }
        /// Function (GET `GetOpenAmounts`): parameters `SoldToParty`: `Edm.String`, `FromDate`: `Edm.DateTime`; returns collection of `API_SALES_ORDER_SRV.CT_Quantity`.
        pub fn get_open_amounts(
            &self,
            parameters: GetOpenAmountsParameters,
        ) -> ::odata_runtime::operation::OperationRequest<::std::vec::Vec<CtQuantity>> {
            ::odata_runtime::operation::OperationRequest::new(
                ::core::clone::Clone::clone(&self.client),
                "GetOpenAmounts",
                ::odata_runtime::__private::Call::V2FunctionImport(
                    ::odata_runtime::request::Method::Get,
                ),
                &parameters,
            )
        }
        /// Action (POST `ReleaseSalesOrder`): parameters `SalesOrder`: `Edm.String`; returns `API_SALES_ORDER_SRV.A_SalesOrderType`.
        pub fn release_sales_order(
            &self,
            parameters: ReleaseSalesOrderParameters,
        ) -> ::odata_runtime::operation::OperationRequest<SalesOrder> {
            ::odata_runtime::operation::OperationRequest::new(
                ::core::clone::Clone::clone(&self.client),
                "ReleaseSalesOrder",
                ::odata_runtime::__private::Call::V2FunctionImport(
                    ::odata_runtime::request::Method::Post,
                ),
                &parameters,
            )
        }
        /// The entity set `A_SalesOrder` of [`SalesOrder`].
        pub fn sales_order(
            &self,
        ) -> ::odata_runtime::request::EntitySetRef<sets::SalesOrder> {
            ::odata_runtime::request::EntitySetRef::new(
                ::core::clone::Clone::clone(&self.client),
            )
        }
        /// The entity set `A_SalesOrderHeaderPartner` of [`SalesOrderHeaderPartner`].
        pub fn sales_order_header_partner(
            &self,
        ) -> ::odata_runtime::request::EntitySetRef<sets::SalesOrderHeaderPartner> {
            ::odata_runtime::request::EntitySetRef::new(
                ::core::clone::Clone::clone(&self.client),
            )
        }
        /// The entity set `A_SalesOrderItem` of [`SalesOrderItem`].
        pub fn sales_order_item(
            &self,
        ) -> ::odata_runtime::request::EntitySetRef<sets::SalesOrderItem> {
            ::odata_runtime::request::EntitySetRef::new(
                ::core::clone::Clone::clone(&self.client),
            )
        }
        /// The entity set `A_SalesOrderItemPrElement` of [`SalesOrderItemPrElement`].
        pub fn sales_order_item_pr_element(
            &self,
        ) -> ::odata_runtime::request::EntitySetRef<sets::SalesOrderItemPrElement> {
            ::odata_runtime::request::EntitySetRef::new(
                ::core::clone::Clone::clone(&self.client),
            )
        }
        /// The entity set `A_SalesOrderScheduleLine` of [`SalesOrderScheduleLine`].
        pub fn sales_order_schedule_line(
            &self,
        ) -> ::odata_runtime::request::EntitySetRef<sets::SalesOrderScheduleLine> {
            ::odata_runtime::request::EntitySetRef::new(
                ::core::clone::Clone::clone(&self.client),
            )
        }
        /// Simulate
        ///
        /// Action (POST `SimulateSalesOrder`): parameters `SoldToParty`: `Edm.String`, `Material`: `Edm.String`, `Quantity`: `Edm.Decimal`; returns `API_SALES_ORDER_SRV.CT_SimulationResult`.
        pub fn simulate_sales_order(
            &self,
            parameters: SimulateSalesOrderParameters,
        ) -> ::odata_runtime::operation::OperationRequest<CtSimulationResult> {
            ::odata_runtime::operation::OperationRequest::new(
                ::core::clone::Clone::clone(&self.client),
                "SimulateSalesOrder",
                ::odata_runtime::__private::Call::V2FunctionImport(
                    ::odata_runtime::request::Method::Post,
                ),
                &parameters,
            )
        }
    }
    /// Complex type `API_SALES_ORDER_SRV.CT_Address`.
    #[derive(::core::default::Default)]
    pub struct CtAddress {
        /// Name
        ///
        /// `Name`: `Edm.String`, max length 40.
        pub name: ::core::option::Option<::std::string::String>,
        /// Street
        ///
        /// `StreetName`: `Edm.String`, max length 60.
        pub street_name: ::core::option::Option<::std::string::String>,
        /// City
        ///
        /// `CityName`: `Edm.String`, max length 40.
        pub city_name: ::core::option::Option<::std::string::String>,
        /// Postal Code
        ///
        /// `PostalCode`: `Edm.String`, max length 10.
        pub postal_code: ::core::option::Option<::std::string::String>,
        /// Country/Region
        ///
        /// `Country`: `Edm.String`, max length 3.
        pub country: ::core::option::Option<::std::string::String>,
    }
    impl ::odata_runtime::__private::Object for CtAddress {
        const KEYS: &'static [&'static str] = &[
            "Name",
            "StreetName",
            "CityName",
            "PostalCode",
            "Country",
        ];
        const OMIT_NONE: bool = false;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "CtAddress";
        const NAMES: &'static [&'static str] = &[
            "name",
            "street_name",
            "city_name",
            "postal_code",
            "country",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::OptString(&self.name),
                1 => F::OptString(&self.street_name),
                2 => F::OptString(&self.city_name),
                3 => F::OptString(&self.postal_code),
                4 => F::OptString(&self.country),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::OptString(&mut self.name),
                1 => F::OptString(&mut self.street_name),
                2 => F::OptString(&mut self.city_name),
                3 => F::OptString(&mut self.postal_code),
                4 => F::OptString(&mut self.country),
                _ => F::Other,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(CtAddress, clone);
    impl ::odata_runtime::__private::ReadObject for CtAddress {
        const NAME: &'static str = "API_SALES_ORDER_SRV.CT_Address";
        const REQUIRED: &'static [usize] = &[];
    }
    impl<'de> ::odata_runtime::serde::Deserialize<'de> for CtAddress {
        fn deserialize<D: ::odata_runtime::serde::Deserializer<'de>>(
            d: D,
        ) -> ::core::result::Result<Self, D::Error> {
            ::odata_runtime::__private::deserialize(d)
        }
    }
    impl ::odata_runtime::__private::OperationResult for CtAddress {
        fn decode(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::odata_runtime::__private::DecodeError> {
            ::odata_runtime::__private::decode_object(v, op, body)
        }
        fn decode_many(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<
            ::std::vec::Vec<Self>,
            ::odata_runtime::__private::DecodeError,
        > {
            ::odata_runtime::__private::decode_objects(v, op, body)
        }
    }
    /// Complex type `API_SALES_ORDER_SRV.CT_DeliveryInfo`.
    #[derive(::core::default::Default)]
    pub struct CtDeliveryInfo {
        /// Shipping Conditions
        ///
        /// `ShippingCondition`: `Edm.String`, max length 2.
        pub shipping_condition: ::core::option::Option<::std::string::String>,
        /// Complete Delivery
        ///
        /// `CompleteDeliveryIsDefined`: `Edm.Boolean`.
        pub complete_delivery_is_defined: ::core::option::Option<bool>,
        /// Planned Time
        ///
        /// `PlannedDeliveryTime`: `Edm.Time`, precision 0.
        pub planned_delivery_time: ::core::option::Option<
            ::odata_runtime::edm::TimeOfDay,
        >,
        /// `Weight`: `API_SALES_ORDER_SRV.CT_Quantity`.
        pub weight: CtQuantity,
        /// `PickupAddress`: `API_SALES_ORDER_SRV.CT_Address`.
        pub pickup_address: CtAddress,
    }
    impl ::odata_runtime::__private::Object for CtDeliveryInfo {
        const KEYS: &'static [&'static str] = &[
            "ShippingCondition",
            "CompleteDeliveryIsDefined",
            "PlannedDeliveryTime",
            "Weight",
            "PickupAddress",
        ];
        const OMIT_NONE: bool = false;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "CtDeliveryInfo";
        const NAMES: &'static [&'static str] = &[
            "shipping_condition",
            "complete_delivery_is_defined",
            "planned_delivery_time",
            "weight",
            "pickup_address",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::OptString(&self.shipping_condition),
                1 => F::OptBool(&self.complete_delivery_is_defined),
                2 => F::OptTimeOfDay(&self.planned_delivery_time),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::OptString(&mut self.shipping_condition),
                1 => F::OptBool(&mut self.complete_delivery_is_defined),
                2 => F::OptTimeOfDay(&mut self.planned_delivery_time),
                _ => F::Other,
            }
        }
        fn write_other<M: ::odata_runtime::serde::ser::SerializeMap>(
            &self,
            field: usize,
            key: &'static str,
            map: &mut M,
        ) -> ::core::result::Result<(), M::Error> {
            use ::odata_runtime::__private::Serde;
            match field {
                3 => Serde::write(map, key, &self.weight),
                4 => Serde::write(map, key, &self.pickup_address),
                _ => ::core::result::Result::Ok(()),
            }
        }
        fn other(&self, field: usize) -> &dyn ::odata_runtime::__private::OtherField {
            match field {
                3 => &self.weight,
                4 => &self.pickup_address,
                _ => &(),
            }
        }
        fn other_mut(
            &mut self,
            field: usize,
        ) -> ::core::option::Option<&mut dyn ::odata_runtime::__private::OtherField> {
            match field {
                3 => ::core::option::Option::Some(&mut self.weight),
                4 => ::core::option::Option::Some(&mut self.pickup_address),
                _ => ::core::option::Option::None,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(CtDeliveryInfo, clone);
    impl ::odata_runtime::__private::ReadObject for CtDeliveryInfo {
        const NAME: &'static str = "API_SALES_ORDER_SRV.CT_DeliveryInfo";
        const REQUIRED: &'static [usize] = &[3, 4];
        #[inline]
        fn read_other<'de, A: ::odata_runtime::serde::de::MapAccess<'de>>(
            &mut self,
            field: usize,
            map: &mut A,
        ) -> ::core::result::Result<(), A::Error> {
            use ::odata_runtime::__private::Serde;
            match field {
                3 => Serde::read_into(map, &mut self.weight),
                4 => Serde::read_into(map, &mut self.pickup_address),
                _ => ::odata_runtime::__private::skip(map),
            }
        }
    }
    impl<'de> ::odata_runtime::serde::Deserialize<'de> for CtDeliveryInfo {
        fn deserialize<D: ::odata_runtime::serde::Deserializer<'de>>(
            d: D,
        ) -> ::core::result::Result<Self, D::Error> {
            ::odata_runtime::__private::deserialize(d)
        }
    }
    impl ::odata_runtime::__private::OperationResult for CtDeliveryInfo {
        fn decode(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::odata_runtime::__private::DecodeError> {
            ::odata_runtime::__private::decode_object(v, op, body)
        }
        fn decode_many(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<
            ::std::vec::Vec<Self>,
            ::odata_runtime::__private::DecodeError,
        > {
            ::odata_runtime::__private::decode_objects(v, op, body)
        }
    }
    /// Complex type `API_SALES_ORDER_SRV.CT_Quantity`.
    #[derive(::core::default::Default)]
    pub struct CtQuantity {
        /// Quantity
        ///
        /// `Quantity`: `Edm.Decimal`, precision 15, scale 3.
        pub quantity: ::core::option::Option<::odata_runtime::edm::Decimal>,
        /// Unit
        ///
        /// `Unit`: `Edm.String`, max length 3, semantics unit-of-measure.
        pub unit: ::core::option::Option<::std::string::String>,
    }
    impl ::odata_runtime::__private::Object for CtQuantity {
        const KEYS: &'static [&'static str] = &["Quantity", "Unit"];
        const OMIT_NONE: bool = false;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "CtQuantity";
        const NAMES: &'static [&'static str] = &["quantity", "unit"];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::OptDecimal(&self.quantity),
                1 => F::OptString(&self.unit),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::OptDecimal(&mut self.quantity),
                1 => F::OptString(&mut self.unit),
                _ => F::Other,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(CtQuantity, clone);
    impl ::odata_runtime::__private::ReadObject for CtQuantity {
        const NAME: &'static str = "API_SALES_ORDER_SRV.CT_Quantity";
        const REQUIRED: &'static [usize] = &[];
    }
    impl<'de> ::odata_runtime::serde::Deserialize<'de> for CtQuantity {
        fn deserialize<D: ::odata_runtime::serde::Deserializer<'de>>(
            d: D,
        ) -> ::core::result::Result<Self, D::Error> {
            ::odata_runtime::__private::deserialize(d)
        }
    }
    impl ::odata_runtime::__private::OperationResult for CtQuantity {
        fn decode(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::odata_runtime::__private::DecodeError> {
            ::odata_runtime::__private::decode_object(v, op, body)
        }
        fn decode_many(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<
            ::std::vec::Vec<Self>,
            ::odata_runtime::__private::DecodeError,
        > {
            ::odata_runtime::__private::decode_objects(v, op, body)
        }
    }
    /// Complex type `API_SALES_ORDER_SRV.CT_SimulationResult`.
    #[derive(::core::default::Default)]
    pub struct CtSimulationResult {
        /// `SalesOrder`: `Edm.String`, max length 10.
        pub sales_order: ::core::option::Option<::std::string::String>,
        /// `TotalNetAmount`: `Edm.Decimal`, precision 16, scale 3.
        pub total_net_amount: ::core::option::Option<::odata_runtime::edm::Decimal>,
        /// `TransactionCurrency`: `Edm.String`, max length 5.
        pub transaction_currency: ::core::option::Option<::std::string::String>,
        /// `Messages`: `Edm.String`.
        pub messages: ::core::option::Option<::std::string::String>,
    }
    impl ::odata_runtime::__private::Object for CtSimulationResult {
        const KEYS: &'static [&'static str] = &[
            "SalesOrder",
            "TotalNetAmount",
            "TransactionCurrency",
            "Messages",
        ];
        const OMIT_NONE: bool = false;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "CtSimulationResult";
        const NAMES: &'static [&'static str] = &[
            "sales_order",
            "total_net_amount",
            "transaction_currency",
            "messages",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::OptString(&self.sales_order),
                1 => F::OptDecimal(&self.total_net_amount),
                2 => F::OptString(&self.transaction_currency),
                3 => F::OptString(&self.messages),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::OptString(&mut self.sales_order),
                1 => F::OptDecimal(&mut self.total_net_amount),
                2 => F::OptString(&mut self.transaction_currency),
                3 => F::OptString(&mut self.messages),
                _ => F::Other,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(CtSimulationResult, clone);
    impl ::odata_runtime::__private::ReadObject for CtSimulationResult {
        const NAME: &'static str = "API_SALES_ORDER_SRV.CT_SimulationResult";
        const REQUIRED: &'static [usize] = &[];
    }
    impl<'de> ::odata_runtime::serde::Deserialize<'de> for CtSimulationResult {
        fn deserialize<D: ::odata_runtime::serde::Deserializer<'de>>(
            d: D,
        ) -> ::core::result::Result<Self, D::Error> {
            ::odata_runtime::__private::deserialize(d)
        }
    }
    impl ::odata_runtime::__private::OperationResult for CtSimulationResult {
        fn decode(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::odata_runtime::__private::DecodeError> {
            ::odata_runtime::__private::decode_object(v, op, body)
        }
        fn decode_many(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<
            ::std::vec::Vec<Self>,
            ::odata_runtime::__private::DecodeError,
        > {
            ::odata_runtime::__private::decode_objects(v, op, body)
        }
    }
    /// Sales Order Header
    ///
    /// Entity type `API_SALES_ORDER_SRV.A_SalesOrderType`, key `SalesOrder`; entity set `A_SalesOrder`.
    #[derive(::core::default::Default)]
    pub struct SalesOrder {
        /// `__metadata`: URI, type and ETag as the server sent them.
        pub odata_metadata: ::core::option::Option<
            ::odata_runtime::__private::EntityMetadata,
        >,
        /// Sales Order
        ///
        /// `SalesOrder`: `Edm.String`, max length 10, key, read-only.
        pub sales_order: ::std::string::String,
        /// Sales Document Type
        ///
        /// `SalesOrderType`: `Edm.String`, max length 4.
        pub sales_order_type: ::core::option::Option<::std::string::String>,
        /// Sales Organization
        ///
        /// `SalesOrganization`: `Edm.String`, max length 4.
        pub sales_organization: ::core::option::Option<::std::string::String>,
        /// Sold-to Party
        ///
        /// `SoldToParty`: `Edm.String`, max length 10.
        pub sold_to_party: ::core::option::Option<::std::string::String>,
        /// Customer Reference
        ///
        /// `PurchaseOrderByCustomer`: `Edm.String`, max length 35.
        pub purchase_order_by_customer: ::core::option::Option<::std::string::String>,
        /// Document Date
        ///
        /// `SalesOrderDate`: `Edm.DateTime`, precision 0, display format Date.
        pub sales_order_date: ::core::option::Option<::odata_runtime::edm::DateTime>,
        /// Net Value
        ///
        /// `TotalNetAmount`: `Edm.Decimal`, precision 16, scale 3, read-only, unit in `TransactionCurrency`.
        pub total_net_amount: ::core::option::Option<::odata_runtime::edm::Decimal>,
        /// Document Currency
        ///
        /// `TransactionCurrency`: `Edm.String`, max length 5, semantics currency-code.
        pub transaction_currency: ::core::option::Option<::std::string::String>,
        /// Overall Status
        ///
        /// `OverallSDProcessStatus`: `Edm.String`, max length 1, read-only.
        pub overall_sd_process_status: ::core::option::Option<::std::string::String>,
        /// `ShippingAddress`: `API_SALES_ORDER_SRV.CT_Address`.
        pub shipping_address: CtAddress,
        /// `DeliveryInfo`: `API_SALES_ORDER_SRV.CT_DeliveryInfo`.
        pub delivery_info: CtDeliveryInfo,
        /// Last Changed
        ///
        /// `LastChangeDateTime`: `Edm.DateTimeOffset`, precision 7, read-only, part of the ETag.
        pub last_change_date_time: ::core::option::Option<
            ::odata_runtime::edm::DateTimeOffset,
        >,
        /// Navigation `to_Item` (to many) to [`SalesOrderItem`] (`API_SALES_ORDER_SRV.A_SalesOrderItemType`); `None` unless expanded.
        pub to_item: ::core::option::Option<::std::vec::Vec<SalesOrderItem>>,
        /// Navigation `to_Partner` (to many) to [`SalesOrderHeaderPartner`] (`API_SALES_ORDER_SRV.A_SalesOrderHeaderPartnerType`); `None` unless expanded.
        pub to_partner: ::core::option::Option<::std::vec::Vec<SalesOrderHeaderPartner>>,
    }
    impl ::odata_runtime::__private::Object for SalesOrder {
        const KEYS: &'static [&'static str] = &[
            "__metadata",
            "SalesOrder",
            "SalesOrderType",
            "SalesOrganization",
            "SoldToParty",
            "PurchaseOrderByCustomer",
            "SalesOrderDate",
            "TotalNetAmount",
            "TransactionCurrency",
            "OverallSDProcessStatus",
            "ShippingAddress",
            "DeliveryInfo",
            "LastChangeDateTime",
            "to_Item",
            "to_Partner",
        ];
        const OMIT_NONE: bool = false;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "SalesOrder";
        const NAMES: &'static [&'static str] = &[
            "odata_metadata",
            "sales_order",
            "sales_order_type",
            "sales_organization",
            "sold_to_party",
            "purchase_order_by_customer",
            "sales_order_date",
            "total_net_amount",
            "transaction_currency",
            "overall_sd_process_status",
            "shipping_address",
            "delivery_info",
            "last_change_date_time",
            "to_item",
            "to_partner",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                1 => F::String(&self.sales_order),
                2 => F::OptString(&self.sales_order_type),
                3 => F::OptString(&self.sales_organization),
                4 => F::OptString(&self.sold_to_party),
                5 => F::OptString(&self.purchase_order_by_customer),
                6 => F::OptDateTime(&self.sales_order_date),
                7 => F::OptDecimal(&self.total_net_amount),
                8 => F::OptString(&self.transaction_currency),
                9 => F::OptString(&self.overall_sd_process_status),
                12 => F::OptDateTimeOffset(&self.last_change_date_time),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                1 => F::String(&mut self.sales_order),
                2 => F::OptString(&mut self.sales_order_type),
                3 => F::OptString(&mut self.sales_organization),
                4 => F::OptString(&mut self.sold_to_party),
                5 => F::OptString(&mut self.purchase_order_by_customer),
                6 => F::OptDateTime(&mut self.sales_order_date),
                7 => F::OptDecimal(&mut self.total_net_amount),
                8 => F::OptString(&mut self.transaction_currency),
                9 => F::OptString(&mut self.overall_sd_process_status),
                12 => F::OptDateTimeOffset(&mut self.last_change_date_time),
                _ => F::Other,
            }
        }
        fn write_other<M: ::odata_runtime::serde::ser::SerializeMap>(
            &self,
            field: usize,
            key: &'static str,
            map: &mut M,
        ) -> ::core::result::Result<(), M::Error> {
            use ::odata_runtime::__private::{Serde, NavManyV2};
            match field {
                0 => Serde::write_some(map, key, &self.odata_metadata),
                10 => Serde::write(map, key, &self.shipping_address),
                11 => Serde::write(map, key, &self.delivery_info),
                13 => NavManyV2::write_some(map, key, &self.to_item),
                14 => NavManyV2::write_some(map, key, &self.to_partner),
                _ => ::core::result::Result::Ok(()),
            }
        }
        fn other(&self, field: usize) -> &dyn ::odata_runtime::__private::OtherField {
            match field {
                0 => &self.odata_metadata,
                10 => &self.shipping_address,
                11 => &self.delivery_info,
                13 => &self.to_item,
                14 => &self.to_partner,
                _ => &(),
            }
        }
        fn other_mut(
            &mut self,
            field: usize,
        ) -> ::core::option::Option<&mut dyn ::odata_runtime::__private::OtherField> {
            match field {
                0 => ::core::option::Option::Some(&mut self.odata_metadata),
                10 => ::core::option::Option::Some(&mut self.shipping_address),
                11 => ::core::option::Option::Some(&mut self.delivery_info),
                13 => ::core::option::Option::Some(&mut self.to_item),
                14 => ::core::option::Option::Some(&mut self.to_partner),
                _ => ::core::option::Option::None,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(SalesOrder, clone);
    impl ::odata_runtime::__private::ReadObject for SalesOrder {
        const NAME: &'static str = "API_SALES_ORDER_SRV.A_SalesOrderType";
        const REQUIRED: &'static [usize] = &[1, 10, 11];
        #[inline]
        fn read_other<'de, A: ::odata_runtime::serde::de::MapAccess<'de>>(
            &mut self,
            field: usize,
            map: &mut A,
        ) -> ::core::result::Result<(), A::Error> {
            use ::odata_runtime::__private::{Serde, NavManyV2};
            match field {
                0 => Serde::read_into(map, &mut self.odata_metadata),
                10 => Serde::read_into(map, &mut self.shipping_address),
                11 => Serde::read_into(map, &mut self.delivery_info),
                13 => NavManyV2::read_into(map, &mut self.to_item),
                14 => NavManyV2::read_into(map, &mut self.to_partner),
                _ => ::odata_runtime::__private::skip(map),
            }
        }
    }
    impl<'de> ::odata_runtime::serde::Deserialize<'de> for SalesOrder {
        fn deserialize<D: ::odata_runtime::serde::Deserializer<'de>>(
            d: D,
        ) -> ::core::result::Result<Self, D::Error> {
            ::odata_runtime::__private::deserialize(d)
        }
    }
    /// Properties and navigation properties, for typed queries.
    impl SalesOrder {
        /// Sales Order (`SalesOrder`).
        pub const SALES_ORDER: ::odata_runtime::query::Property<
            SalesOrder,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
        > = ::odata_runtime::query::Property::new("SalesOrder");
        /// Sales Document Type (`SalesOrderType`), nullable.
        pub const SALES_ORDER_TYPE: ::odata_runtime::query::Property<
            SalesOrder,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("SalesOrderType");
        /// Sales Organization (`SalesOrganization`), nullable.
        pub const SALES_ORGANIZATION: ::odata_runtime::query::Property<
            SalesOrder,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("SalesOrganization");
        /// Sold-to Party (`SoldToParty`), nullable.
        pub const SOLD_TO_PARTY: ::odata_runtime::query::Property<
            SalesOrder,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("SoldToParty");
        /// Customer Reference (`PurchaseOrderByCustomer`), nullable.
        pub const PURCHASE_ORDER_BY_CUSTOMER: ::odata_runtime::query::Property<
            SalesOrder,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("PurchaseOrderByCustomer");
        /// Document Date (`SalesOrderDate`), nullable.
        pub const SALES_ORDER_DATE: ::odata_runtime::query::Property<
            SalesOrder,
            ::odata_runtime::edm::DateTime,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("SalesOrderDate");
        /// Net Value (`TotalNetAmount`), nullable.
        pub const TOTAL_NET_AMOUNT: ::odata_runtime::query::Property<
            SalesOrder,
            ::odata_runtime::edm::Decimal,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("TotalNetAmount");
        /// Document Currency (`TransactionCurrency`), nullable.
        pub const TRANSACTION_CURRENCY: ::odata_runtime::query::Property<
            SalesOrder,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("TransactionCurrency");
        /// Overall Status (`OverallSDProcessStatus`), nullable.
        pub const OVERALL_SD_PROCESS_STATUS: ::odata_runtime::query::Property<
            SalesOrder,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("OverallSDProcessStatus");
        /// Last Changed (`LastChangeDateTime`), nullable.
        pub const LAST_CHANGE_DATE_TIME: ::odata_runtime::query::Property<
            SalesOrder,
            ::odata_runtime::edm::DateTimeOffset,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("LastChangeDateTime");
        /// Navigation `to_Item` to [`SalesOrderItem`].
        pub const TO_ITEM: ::odata_runtime::query::Navigation<
            SalesOrder,
            SalesOrderItem,
            ::odata_runtime::__private::Many,
        > = ::odata_runtime::query::Navigation::new("to_Item");
        /// Navigation `to_Partner` to [`SalesOrderHeaderPartner`].
        pub const TO_PARTNER: ::odata_runtime::query::Navigation<
            SalesOrder,
            SalesOrderHeaderPartner,
            ::odata_runtime::__private::Many,
        > = ::odata_runtime::query::Navigation::new("to_Partner");
    }
    impl ::odata_runtime::__private::OperationResult for SalesOrder {
        fn decode(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::odata_runtime::__private::DecodeError> {
            ::odata_runtime::__private::decode_object(v, op, body)
        }
        fn decode_many(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<
            ::std::vec::Vec<Self>,
            ::odata_runtime::__private::DecodeError,
        > {
            ::odata_runtime::__private::decode_objects(v, op, body)
        }
    }
    /// Changes to a [`SalesOrder`] for `update`: only the fields that are `Some` are sent; a nullable property is cleared with `Some(None)`. Keys and properties the service does not let clients change are not here.
    #[derive(::core::default::Default)]
    pub struct SalesOrderPatch {
        /// Sales Document Type
        ///
        /// `SalesOrderType`: `Edm.String`, max length 4.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub sales_order_type: ::core::option::Option<
            ::core::option::Option<::std::string::String>,
        >,
        /// Sales Organization
        ///
        /// `SalesOrganization`: `Edm.String`, max length 4.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub sales_organization: ::core::option::Option<
            ::core::option::Option<::std::string::String>,
        >,
        /// Sold-to Party
        ///
        /// `SoldToParty`: `Edm.String`, max length 10.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub sold_to_party: ::core::option::Option<
            ::core::option::Option<::std::string::String>,
        >,
        /// Customer Reference
        ///
        /// `PurchaseOrderByCustomer`: `Edm.String`, max length 35.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub purchase_order_by_customer: ::core::option::Option<
            ::core::option::Option<::std::string::String>,
        >,
        /// Document Date
        ///
        /// `SalesOrderDate`: `Edm.DateTime`, precision 0, display format Date.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub sales_order_date: ::core::option::Option<
            ::core::option::Option<::odata_runtime::edm::DateTime>,
        >,
        /// Document Currency
        ///
        /// `TransactionCurrency`: `Edm.String`, max length 5, semantics currency-code.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub transaction_currency: ::core::option::Option<
            ::core::option::Option<::std::string::String>,
        >,
        /// `ShippingAddress`: `API_SALES_ORDER_SRV.CT_Address`.
        /// `None`: unchanged; `Some(v)`: set to `v` (not nullable: null cannot be sent).
        pub shipping_address: ::core::option::Option<CtAddress>,
        /// `DeliveryInfo`: `API_SALES_ORDER_SRV.CT_DeliveryInfo`.
        /// `None`: unchanged; `Some(v)`: set to `v` (not nullable: null cannot be sent).
        pub delivery_info: ::core::option::Option<CtDeliveryInfo>,
    }
    impl ::odata_runtime::__private::Object for SalesOrderPatch {
        const KEYS: &'static [&'static str] = &[
            "SalesOrderType",
            "SalesOrganization",
            "SoldToParty",
            "PurchaseOrderByCustomer",
            "SalesOrderDate",
            "TransactionCurrency",
            "ShippingAddress",
            "DeliveryInfo",
        ];
        const OMIT_NONE: bool = true;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "SalesOrderPatch";
        const NAMES: &'static [&'static str] = &[
            "sales_order_type",
            "sales_organization",
            "sold_to_party",
            "purchase_order_by_customer",
            "sales_order_date",
            "transaction_currency",
            "shipping_address",
            "delivery_info",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::OptOptString(&self.sales_order_type),
                1 => F::OptOptString(&self.sales_organization),
                2 => F::OptOptString(&self.sold_to_party),
                3 => F::OptOptString(&self.purchase_order_by_customer),
                4 => F::OptOptDateTime(&self.sales_order_date),
                5 => F::OptOptString(&self.transaction_currency),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::OptOptString(&mut self.sales_order_type),
                1 => F::OptOptString(&mut self.sales_organization),
                2 => F::OptOptString(&mut self.sold_to_party),
                3 => F::OptOptString(&mut self.purchase_order_by_customer),
                4 => F::OptOptDateTime(&mut self.sales_order_date),
                5 => F::OptOptString(&mut self.transaction_currency),
                _ => F::Other,
            }
        }
        fn write_other<M: ::odata_runtime::serde::ser::SerializeMap>(
            &self,
            field: usize,
            key: &'static str,
            map: &mut M,
        ) -> ::core::result::Result<(), M::Error> {
            use ::odata_runtime::__private::Serde;
            match field {
                6 => Serde::write_some(map, key, &self.shipping_address),
                7 => Serde::write_some(map, key, &self.delivery_info),
                _ => ::core::result::Result::Ok(()),
            }
        }
        fn other(&self, field: usize) -> &dyn ::odata_runtime::__private::OtherField {
            match field {
                6 => &self.shipping_address,
                7 => &self.delivery_info,
                _ => &(),
            }
        }
        fn other_mut(
            &mut self,
            field: usize,
        ) -> ::core::option::Option<&mut dyn ::odata_runtime::__private::OtherField> {
            match field {
                6 => ::core::option::Option::Some(&mut self.shipping_address),
                7 => ::core::option::Option::Some(&mut self.delivery_info),
                _ => ::core::option::Option::None,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(SalesOrderPatch, clone);
    /// A new [`SalesOrder`] for `create`: only the properties the service accepts on create. Required ones are the arguments of [`NewSalesOrder::new`]; the others are sent only when `Some`, so the server's defaults stay in force.
    ///
    /// Set optional ones with struct update syntax: `NewSalesOrder { field: Some(…), ..NewSalesOrder::new(…) }`.
    #[derive(::core::default::Default)]
    pub struct NewSalesOrder {
        /// Sales Document Type
        ///
        /// `SalesOrderType`: `Edm.String`, max length 4.
        /// Optional: not sent when `None`.
        pub sales_order_type: ::core::option::Option<::std::string::String>,
        /// Sales Organization
        ///
        /// `SalesOrganization`: `Edm.String`, max length 4.
        /// Optional: not sent when `None`.
        pub sales_organization: ::core::option::Option<::std::string::String>,
        /// Sold-to Party
        ///
        /// `SoldToParty`: `Edm.String`, max length 10.
        /// Optional: not sent when `None`.
        pub sold_to_party: ::core::option::Option<::std::string::String>,
        /// Customer Reference
        ///
        /// `PurchaseOrderByCustomer`: `Edm.String`, max length 35.
        /// Optional: not sent when `None`.
        pub purchase_order_by_customer: ::core::option::Option<::std::string::String>,
        /// Document Date
        ///
        /// `SalesOrderDate`: `Edm.DateTime`, precision 0, display format Date.
        /// Optional: not sent when `None`.
        pub sales_order_date: ::core::option::Option<::odata_runtime::edm::DateTime>,
        /// Document Currency
        ///
        /// `TransactionCurrency`: `Edm.String`, max length 5, semantics currency-code.
        /// Optional: not sent when `None`.
        pub transaction_currency: ::core::option::Option<::std::string::String>,
        /// `ShippingAddress`: `API_SALES_ORDER_SRV.CT_Address`.
        /// Optional: not sent when `None`.
        pub shipping_address: ::core::option::Option<CtAddress>,
        /// `DeliveryInfo`: `API_SALES_ORDER_SRV.CT_DeliveryInfo`.
        /// Optional: not sent when `None`.
        pub delivery_info: ::core::option::Option<CtDeliveryInfo>,
        /// Navigation `to_Item`: new [`NewSalesOrderItem`] entities created with this one (deep insert); not sent when `None`.
        pub to_item: ::core::option::Option<::std::vec::Vec<NewSalesOrderItem>>,
        /// Navigation `to_Partner`: new [`NewSalesOrderHeaderPartner`] entities created with this one (deep insert); not sent when `None`.
        pub to_partner: ::core::option::Option<
            ::std::vec::Vec<NewSalesOrderHeaderPartner>,
        >,
    }
    impl NewSalesOrder {
        /// A new [`SalesOrder`] with nothing set: every property is left to the server.
        #[must_use]
        pub fn new() -> Self {
            NewSalesOrder {
                sales_order_type: ::core::option::Option::None,
                sales_organization: ::core::option::Option::None,
                sold_to_party: ::core::option::Option::None,
                purchase_order_by_customer: ::core::option::Option::None,
                sales_order_date: ::core::option::Option::None,
                transaction_currency: ::core::option::Option::None,
                shipping_address: ::core::option::Option::None,
                delivery_info: ::core::option::Option::None,
                to_item: ::core::option::Option::None,
                to_partner: ::core::option::Option::None,
            }
        }
    }
    impl ::odata_runtime::__private::Object for NewSalesOrder {
        const KEYS: &'static [&'static str] = &[
            "SalesOrderType",
            "SalesOrganization",
            "SoldToParty",
            "PurchaseOrderByCustomer",
            "SalesOrderDate",
            "TransactionCurrency",
            "ShippingAddress",
            "DeliveryInfo",
            "to_Item",
            "to_Partner",
        ];
        const OMIT_NONE: bool = true;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "NewSalesOrder";
        const NAMES: &'static [&'static str] = &[
            "sales_order_type",
            "sales_organization",
            "sold_to_party",
            "purchase_order_by_customer",
            "sales_order_date",
            "transaction_currency",
            "shipping_address",
            "delivery_info",
            "to_item",
            "to_partner",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::OptString(&self.sales_order_type),
                1 => F::OptString(&self.sales_organization),
                2 => F::OptString(&self.sold_to_party),
                3 => F::OptString(&self.purchase_order_by_customer),
                4 => F::OptDateTime(&self.sales_order_date),
                5 => F::OptString(&self.transaction_currency),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::OptString(&mut self.sales_order_type),
                1 => F::OptString(&mut self.sales_organization),
                2 => F::OptString(&mut self.sold_to_party),
                3 => F::OptString(&mut self.purchase_order_by_customer),
                4 => F::OptDateTime(&mut self.sales_order_date),
                5 => F::OptString(&mut self.transaction_currency),
                _ => F::Other,
            }
        }
        fn write_other<M: ::odata_runtime::serde::ser::SerializeMap>(
            &self,
            field: usize,
            key: &'static str,
            map: &mut M,
        ) -> ::core::result::Result<(), M::Error> {
            use ::odata_runtime::__private::{Serde, NavManyV2};
            match field {
                6 => Serde::write_some(map, key, &self.shipping_address),
                7 => Serde::write_some(map, key, &self.delivery_info),
                8 => NavManyV2::write_some(map, key, &self.to_item),
                9 => NavManyV2::write_some(map, key, &self.to_partner),
                _ => ::core::result::Result::Ok(()),
            }
        }
        fn other(&self, field: usize) -> &dyn ::odata_runtime::__private::OtherField {
            match field {
                6 => &self.shipping_address,
                7 => &self.delivery_info,
                8 => &self.to_item,
                9 => &self.to_partner,
                _ => &(),
            }
        }
        fn other_mut(
            &mut self,
            field: usize,
        ) -> ::core::option::Option<&mut dyn ::odata_runtime::__private::OtherField> {
            match field {
                6 => ::core::option::Option::Some(&mut self.shipping_address),
                7 => ::core::option::Option::Some(&mut self.delivery_info),
                8 => ::core::option::Option::Some(&mut self.to_item),
                9 => ::core::option::Option::Some(&mut self.to_partner),
                _ => ::core::option::Option::None,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(NewSalesOrder, clone);
    impl ::odata_runtime::request::NewEntity for NewSalesOrder {
        type Entity = SalesOrder;
    }
    /// The key of [`SalesOrder`] (entity type `API_SALES_ORDER_SRV.A_SalesOrderType`).
    #[derive(
        ::core::clone::Clone,
        ::core::fmt::Debug,
        ::core::cmp::PartialEq,
        ::core::cmp::Eq,
        ::core::hash::Hash
    )]
    pub struct SalesOrderKey {
        /// `SalesOrder`
        pub sales_order: ::std::string::String,
    }
    impl ::odata_runtime::EntityKey for SalesOrderKey {
        fn key_values(
            &self,
            version: ::odata_runtime::Version,
        ) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
            ::std::vec![
                ("SalesOrder", ::odata_runtime::edm::EdmValue::to_literal(& self
                .sales_order, version))
            ]
        }
    }
    impl ::odata_runtime::Entity for SalesOrder {
        const ENTITY_TYPE: &'static str = "API_SALES_ORDER_SRV.A_SalesOrderType";
        type Key = SalesOrderKey;
        fn key(&self) -> SalesOrderKey {
            SalesOrderKey {
                sales_order: ::core::clone::Clone::clone(&self.sales_order),
            }
        }
        fn etag(&self) -> ::core::option::Option<&str> {
            self.odata_metadata.as_ref().and_then(|m| m.etag.as_deref())
        }
    }
    /// Header Partner
    ///
    /// Entity type `API_SALES_ORDER_SRV.A_SalesOrderHeaderPartnerType`, key `SalesOrder`, `PartnerFunction`; entity set `A_SalesOrderHeaderPartner`.
    #[derive(::core::default::Default)]
    pub struct SalesOrderHeaderPartner {
        /// `__metadata`: URI, type and ETag as the server sent them.
        pub odata_metadata: ::core::option::Option<
            ::odata_runtime::__private::EntityMetadata,
        >,
        /// Sales Order
        ///
        /// `SalesOrder`: `Edm.String`, max length 10, key.
        pub sales_order: ::std::string::String,
        /// Partner Function
        ///
        /// `PartnerFunction`: `Edm.String`, max length 2, key.
        pub partner_function: ::std::string::String,
        /// Customer
        ///
        /// `Customer`: `Edm.String`, max length 10.
        pub customer: ::core::option::Option<::std::string::String>,
        /// Contact Person
        ///
        /// `ContactPerson`: `Edm.String`, max length 10.
        pub contact_person: ::core::option::Option<::std::string::String>,
        /// `Address`: `API_SALES_ORDER_SRV.CT_Address`.
        pub address: CtAddress,
    }
    impl ::odata_runtime::__private::Object for SalesOrderHeaderPartner {
        const KEYS: &'static [&'static str] = &[
            "__metadata",
            "SalesOrder",
            "PartnerFunction",
            "Customer",
            "ContactPerson",
            "Address",
        ];
        const OMIT_NONE: bool = false;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "SalesOrderHeaderPartner";
        const NAMES: &'static [&'static str] = &[
            "odata_metadata",
            "sales_order",
            "partner_function",
            "customer",
            "contact_person",
            "address",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                1 => F::String(&self.sales_order),
                2 => F::String(&self.partner_function),
                3 => F::OptString(&self.customer),
                4 => F::OptString(&self.contact_person),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                1 => F::String(&mut self.sales_order),
                2 => F::String(&mut self.partner_function),
                3 => F::OptString(&mut self.customer),
                4 => F::OptString(&mut self.contact_person),
                _ => F::Other,
            }
        }
        fn write_other<M: ::odata_runtime::serde::ser::SerializeMap>(
            &self,
            field: usize,
            key: &'static str,
            map: &mut M,
        ) -> ::core::result::Result<(), M::Error> {
            use ::odata_runtime::__private::Serde;
            match field {
                0 => Serde::write_some(map, key, &self.odata_metadata),
                5 => Serde::write(map, key, &self.address),
                _ => ::core::result::Result::Ok(()),
            }
        }
        fn other(&self, field: usize) -> &dyn ::odata_runtime::__private::OtherField {
            match field {
                0 => &self.odata_metadata,
                5 => &self.address,
                _ => &(),
            }
        }
        fn other_mut(
            &mut self,
            field: usize,
        ) -> ::core::option::Option<&mut dyn ::odata_runtime::__private::OtherField> {
            match field {
                0 => ::core::option::Option::Some(&mut self.odata_metadata),
                5 => ::core::option::Option::Some(&mut self.address),
                _ => ::core::option::Option::None,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(SalesOrderHeaderPartner, clone);
    impl ::odata_runtime::__private::ReadObject for SalesOrderHeaderPartner {
        const NAME: &'static str = "API_SALES_ORDER_SRV.A_SalesOrderHeaderPartnerType";
        const REQUIRED: &'static [usize] = &[1, 2, 5];
        #[inline]
        fn read_other<'de, A: ::odata_runtime::serde::de::MapAccess<'de>>(
            &mut self,
            field: usize,
            map: &mut A,
        ) -> ::core::result::Result<(), A::Error> {
            use ::odata_runtime::__private::Serde;
            match field {
                0 => Serde::read_into(map, &mut self.odata_metadata),
                5 => Serde::read_into(map, &mut self.address),
                _ => ::odata_runtime::__private::skip(map),
            }
        }
    }
    impl<'de> ::odata_runtime::serde::Deserialize<'de> for SalesOrderHeaderPartner {
        fn deserialize<D: ::odata_runtime::serde::Deserializer<'de>>(
            d: D,
        ) -> ::core::result::Result<Self, D::Error> {
            ::odata_runtime::__private::deserialize(d)
        }
    }
    /// Properties and navigation properties, for typed queries.
    impl SalesOrderHeaderPartner {
        /// Sales Order (`SalesOrder`).
        pub const SALES_ORDER: ::odata_runtime::query::Property<
            SalesOrderHeaderPartner,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
        > = ::odata_runtime::query::Property::new("SalesOrder");
        /// Partner Function (`PartnerFunction`).
        pub const PARTNER_FUNCTION: ::odata_runtime::query::Property<
            SalesOrderHeaderPartner,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
        > = ::odata_runtime::query::Property::new("PartnerFunction");
        /// Customer (`Customer`), nullable.
        pub const CUSTOMER: ::odata_runtime::query::Property<
            SalesOrderHeaderPartner,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("Customer");
        /// Contact Person (`ContactPerson`), nullable.
        pub const CONTACT_PERSON: ::odata_runtime::query::Property<
            SalesOrderHeaderPartner,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("ContactPerson");
    }
    impl ::odata_runtime::__private::OperationResult for SalesOrderHeaderPartner {
        fn decode(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::odata_runtime::__private::DecodeError> {
            ::odata_runtime::__private::decode_object(v, op, body)
        }
        fn decode_many(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<
            ::std::vec::Vec<Self>,
            ::odata_runtime::__private::DecodeError,
        > {
            ::odata_runtime::__private::decode_objects(v, op, body)
        }
    }
    /// Changes to a [`SalesOrderHeaderPartner`] for `update`: only the fields that are `Some` are sent; a nullable property is cleared with `Some(None)`. Keys and properties the service does not let clients change are not here.
    #[derive(::core::default::Default)]
    pub struct SalesOrderHeaderPartnerPatch {
        /// Customer
        ///
        /// `Customer`: `Edm.String`, max length 10.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub customer: ::core::option::Option<
            ::core::option::Option<::std::string::String>,
        >,
        /// Contact Person
        ///
        /// `ContactPerson`: `Edm.String`, max length 10.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub contact_person: ::core::option::Option<
            ::core::option::Option<::std::string::String>,
        >,
        /// `Address`: `API_SALES_ORDER_SRV.CT_Address`.
        /// `None`: unchanged; `Some(v)`: set to `v` (not nullable: null cannot be sent).
        pub address: ::core::option::Option<CtAddress>,
    }
    impl ::odata_runtime::__private::Object for SalesOrderHeaderPartnerPatch {
        const KEYS: &'static [&'static str] = &["Customer", "ContactPerson", "Address"];
        const OMIT_NONE: bool = true;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "SalesOrderHeaderPartnerPatch";
        const NAMES: &'static [&'static str] = &[
            "customer",
            "contact_person",
            "address",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::OptOptString(&self.customer),
                1 => F::OptOptString(&self.contact_person),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::OptOptString(&mut self.customer),
                1 => F::OptOptString(&mut self.contact_person),
                _ => F::Other,
            }
        }
        fn write_other<M: ::odata_runtime::serde::ser::SerializeMap>(
            &self,
            field: usize,
            key: &'static str,
            map: &mut M,
        ) -> ::core::result::Result<(), M::Error> {
            use ::odata_runtime::__private::Serde;
            match field {
                2 => Serde::write_some(map, key, &self.address),
                _ => ::core::result::Result::Ok(()),
            }
        }
        fn other(&self, field: usize) -> &dyn ::odata_runtime::__private::OtherField {
            match field {
                2 => &self.address,
                _ => &(),
            }
        }
        fn other_mut(
            &mut self,
            field: usize,
        ) -> ::core::option::Option<&mut dyn ::odata_runtime::__private::OtherField> {
            match field {
                2 => ::core::option::Option::Some(&mut self.address),
                _ => ::core::option::Option::None,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(SalesOrderHeaderPartnerPatch, clone);
    /// A new [`SalesOrderHeaderPartner`] for `create`: only the properties the service accepts on create. Required ones are the arguments of [`NewSalesOrderHeaderPartner::new`]; the others are sent only when `Some`, so the server's defaults stay in force.
    ///
    /// Set optional ones with struct update syntax: `NewSalesOrderHeaderPartner { field: Some(…), ..NewSalesOrderHeaderPartner::new(…) }`.
    #[derive(::core::clone::Clone)]
    pub struct NewSalesOrderHeaderPartner {
        /// Sales Order
        ///
        /// `SalesOrder`: `Edm.String`, max length 10, key.
        /// Required on create: part of the key.
        pub sales_order: ::std::string::String,
        /// Partner Function
        ///
        /// `PartnerFunction`: `Edm.String`, max length 2, key.
        /// Required on create: part of the key.
        pub partner_function: ::std::string::String,
        /// Customer
        ///
        /// `Customer`: `Edm.String`, max length 10.
        /// Optional: not sent when `None`.
        pub customer: ::core::option::Option<::std::string::String>,
        /// Contact Person
        ///
        /// `ContactPerson`: `Edm.String`, max length 10.
        /// Optional: not sent when `None`.
        pub contact_person: ::core::option::Option<::std::string::String>,
        /// `Address`: `API_SALES_ORDER_SRV.CT_Address`.
        /// Optional: not sent when `None`.
        pub address: ::core::option::Option<CtAddress>,
    }
    impl NewSalesOrderHeaderPartner {
        /// A new [`SalesOrderHeaderPartner`] with its required properties (`SalesOrder`, `PartnerFunction`) and nothing else.
        #[must_use]
        pub fn new(
            sales_order: impl ::core::convert::Into<::std::string::String>,
            partner_function: impl ::core::convert::Into<::std::string::String>,
        ) -> Self {
            NewSalesOrderHeaderPartner {
                sales_order: ::core::convert::Into::into(sales_order),
                partner_function: ::core::convert::Into::into(partner_function),
                customer: ::core::option::Option::None,
                contact_person: ::core::option::Option::None,
                address: ::core::option::Option::None,
            }
        }
    }
    impl ::odata_runtime::__private::Object for NewSalesOrderHeaderPartner {
        const KEYS: &'static [&'static str] = &[
            "SalesOrder",
            "PartnerFunction",
            "Customer",
            "ContactPerson",
            "Address",
        ];
        const OMIT_NONE: bool = true;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "NewSalesOrderHeaderPartner";
        const NAMES: &'static [&'static str] = &[
            "sales_order",
            "partner_function",
            "customer",
            "contact_person",
            "address",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::String(&self.sales_order),
                1 => F::String(&self.partner_function),
                2 => F::OptString(&self.customer),
                3 => F::OptString(&self.contact_person),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::String(&mut self.sales_order),
                1 => F::String(&mut self.partner_function),
                2 => F::OptString(&mut self.customer),
                3 => F::OptString(&mut self.contact_person),
                _ => F::Other,
            }
        }
        fn write_other<M: ::odata_runtime::serde::ser::SerializeMap>(
            &self,
            field: usize,
            key: &'static str,
            map: &mut M,
        ) -> ::core::result::Result<(), M::Error> {
            use ::odata_runtime::__private::Serde;
            match field {
                4 => Serde::write_some(map, key, &self.address),
                _ => ::core::result::Result::Ok(()),
            }
        }
        fn other(&self, field: usize) -> &dyn ::odata_runtime::__private::OtherField {
            match field {
                4 => &self.address,
                _ => &(),
            }
        }
        fn other_mut(
            &mut self,
            field: usize,
        ) -> ::core::option::Option<&mut dyn ::odata_runtime::__private::OtherField> {
            match field {
                4 => ::core::option::Option::Some(&mut self.address),
                _ => ::core::option::Option::None,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(NewSalesOrderHeaderPartner);
    impl ::odata_runtime::request::NewEntity for NewSalesOrderHeaderPartner {
        type Entity = SalesOrderHeaderPartner;
    }
    /// The key of [`SalesOrderHeaderPartner`] (entity type `API_SALES_ORDER_SRV.A_SalesOrderHeaderPartnerType`).
    #[derive(
        ::core::clone::Clone,
        ::core::fmt::Debug,
        ::core::cmp::PartialEq,
        ::core::cmp::Eq,
        ::core::hash::Hash
    )]
    pub struct SalesOrderHeaderPartnerKey {
        /// `SalesOrder`
        pub sales_order: ::std::string::String,
        /// `PartnerFunction`
        pub partner_function: ::std::string::String,
    }
    impl ::odata_runtime::EntityKey for SalesOrderHeaderPartnerKey {
        fn key_values(
            &self,
            version: ::odata_runtime::Version,
        ) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
            ::std::vec![
                ("SalesOrder", ::odata_runtime::edm::EdmValue::to_literal(& self
                .sales_order, version)), ("PartnerFunction",
                ::odata_runtime::edm::EdmValue::to_literal(& self.partner_function,
                version))
            ]
        }
    }
    impl ::odata_runtime::Entity for SalesOrderHeaderPartner {
        const ENTITY_TYPE: &'static str = "API_SALES_ORDER_SRV.A_SalesOrderHeaderPartnerType";
        type Key = SalesOrderHeaderPartnerKey;
        fn key(&self) -> SalesOrderHeaderPartnerKey {
            SalesOrderHeaderPartnerKey {
                sales_order: ::core::clone::Clone::clone(&self.sales_order),
                partner_function: ::core::clone::Clone::clone(&self.partner_function),
            }
        }
        fn etag(&self) -> ::core::option::Option<&str> {
            self.odata_metadata.as_ref().and_then(|m| m.etag.as_deref())
        }
    }
    /// Sales Order Item
    ///
    /// Entity type `API_SALES_ORDER_SRV.A_SalesOrderItemType`, key `SalesOrder`, `SalesOrderItem`; entity set `A_SalesOrderItem`.
    #[derive(::core::default::Default)]
    pub struct SalesOrderItem {
        /// `__metadata`: URI, type and ETag as the server sent them.
        pub odata_metadata: ::core::option::Option<
            ::odata_runtime::__private::EntityMetadata,
        >,
        /// Sales Order
        ///
        /// `SalesOrder`: `Edm.String`, max length 10, key.
        pub sales_order: ::std::string::String,
        /// Item
        ///
        /// `SalesOrderItem`: `Edm.String`, max length 6, key, display format NonNegative.
        pub sales_order_item: ::std::string::String,
        /// Material
        ///
        /// `Material`: `Edm.String`, max length 40, display format UpperCase.
        pub material: ::core::option::Option<::std::string::String>,
        /// Item Description
        ///
        /// `SalesOrderItemText`: `Edm.String`, max length 40.
        pub sales_order_item_text: ::core::option::Option<::std::string::String>,
        /// Order Quantity
        ///
        /// `RequestedQuantity`: `Edm.Decimal`, precision 15, scale 3, unit in `RequestedQuantityUnit`.
        pub requested_quantity: ::core::option::Option<::odata_runtime::edm::Decimal>,
        /// Sales Unit
        ///
        /// `RequestedQuantityUnit`: `Edm.String`, max length 3, semantics unit-of-measure.
        pub requested_quantity_unit: ::core::option::Option<::std::string::String>,
        /// Net Value
        ///
        /// `NetAmount`: `Edm.Decimal`, precision 16, scale 3, read-only, unit in `TransactionCurrency`.
        pub net_amount: ::core::option::Option<::odata_runtime::edm::Decimal>,
        /// Document Currency
        ///
        /// `TransactionCurrency`: `Edm.String`, max length 5, semantics currency-code.
        pub transaction_currency: ::core::option::Option<::std::string::String>,
        /// `ItemWeight`: `API_SALES_ORDER_SRV.CT_Quantity`.
        pub item_weight: CtQuantity,
        /// Last Changed
        ///
        /// `LastChangeDateTime`: `Edm.DateTimeOffset`, precision 7, read-only, part of the ETag.
        pub last_change_date_time: ::core::option::Option<
            ::odata_runtime::edm::DateTimeOffset,
        >,
        /// Navigation `to_SalesOrder` (to one) to [`SalesOrder`] (`API_SALES_ORDER_SRV.A_SalesOrderType`); `None` unless expanded.
        pub to_sales_order: ::core::option::Option<::std::boxed::Box<SalesOrder>>,
        /// Navigation `to_PricingElement` (to many) to [`SalesOrderItemPrElement`] (`API_SALES_ORDER_SRV.A_SalesOrderItemPrElementType`); `None` unless expanded.
        pub to_pricing_element: ::core::option::Option<
            ::std::vec::Vec<SalesOrderItemPrElement>,
        >,
        /// Navigation `to_ScheduleLine` (to many) to [`SalesOrderScheduleLine`] (`API_SALES_ORDER_SRV.A_SalesOrderScheduleLineType`); `None` unless expanded.
        pub to_schedule_line: ::core::option::Option<
            ::std::vec::Vec<SalesOrderScheduleLine>,
        >,
    }
    impl ::odata_runtime::__private::Object for SalesOrderItem {
        const KEYS: &'static [&'static str] = &[
            "__metadata",
            "SalesOrder",
            "SalesOrderItem",
            "Material",
            "SalesOrderItemText",
            "RequestedQuantity",
            "RequestedQuantityUnit",
            "NetAmount",
            "TransactionCurrency",
            "ItemWeight",
            "LastChangeDateTime",
            "to_SalesOrder",
            "to_PricingElement",
            "to_ScheduleLine",
        ];
        const OMIT_NONE: bool = false;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "SalesOrderItem";
        const NAMES: &'static [&'static str] = &[
            "odata_metadata",
            "sales_order",
            "sales_order_item",
            "material",
            "sales_order_item_text",
            "requested_quantity",
            "requested_quantity_unit",
            "net_amount",
            "transaction_currency",
            "item_weight",
            "last_change_date_time",
            "to_sales_order",
            "to_pricing_element",
            "to_schedule_line",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                1 => F::String(&self.sales_order),
                2 => F::String(&self.sales_order_item),
                3 => F::OptString(&self.material),
                4 => F::OptString(&self.sales_order_item_text),
                5 => F::OptDecimal(&self.requested_quantity),
                6 => F::OptString(&self.requested_quantity_unit),
                7 => F::OptDecimal(&self.net_amount),
                8 => F::OptString(&self.transaction_currency),
                10 => F::OptDateTimeOffset(&self.last_change_date_time),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                1 => F::String(&mut self.sales_order),
                2 => F::String(&mut self.sales_order_item),
                3 => F::OptString(&mut self.material),
                4 => F::OptString(&mut self.sales_order_item_text),
                5 => F::OptDecimal(&mut self.requested_quantity),
                6 => F::OptString(&mut self.requested_quantity_unit),
                7 => F::OptDecimal(&mut self.net_amount),
                8 => F::OptString(&mut self.transaction_currency),
                10 => F::OptDateTimeOffset(&mut self.last_change_date_time),
                _ => F::Other,
            }
        }
        fn write_other<M: ::odata_runtime::serde::ser::SerializeMap>(
            &self,
            field: usize,
            key: &'static str,
            map: &mut M,
        ) -> ::core::result::Result<(), M::Error> {
            use ::odata_runtime::__private::{Serde, NavOneV2, NavManyV2};
            match field {
                0 => Serde::write_some(map, key, &self.odata_metadata),
                9 => Serde::write(map, key, &self.item_weight),
                11 => NavOneV2::write_some(map, key, &self.to_sales_order),
                12 => NavManyV2::write_some(map, key, &self.to_pricing_element),
                13 => NavManyV2::write_some(map, key, &self.to_schedule_line),
                _ => ::core::result::Result::Ok(()),
            }
        }
        fn other(&self, field: usize) -> &dyn ::odata_runtime::__private::OtherField {
            match field {
                0 => &self.odata_metadata,
                9 => &self.item_weight,
                11 => &self.to_sales_order,
                12 => &self.to_pricing_element,
                13 => &self.to_schedule_line,
                _ => &(),
            }
        }
        fn other_mut(
            &mut self,
            field: usize,
        ) -> ::core::option::Option<&mut dyn ::odata_runtime::__private::OtherField> {
            match field {
                0 => ::core::option::Option::Some(&mut self.odata_metadata),
                9 => ::core::option::Option::Some(&mut self.item_weight),
                11 => ::core::option::Option::Some(&mut self.to_sales_order),
                12 => ::core::option::Option::Some(&mut self.to_pricing_element),
                13 => ::core::option::Option::Some(&mut self.to_schedule_line),
                _ => ::core::option::Option::None,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(SalesOrderItem, clone);
    impl ::odata_runtime::__private::ReadObject for SalesOrderItem {
        const NAME: &'static str = "API_SALES_ORDER_SRV.A_SalesOrderItemType";
        const REQUIRED: &'static [usize] = &[1, 2, 9];
        #[inline]
        fn read_other<'de, A: ::odata_runtime::serde::de::MapAccess<'de>>(
            &mut self,
            field: usize,
            map: &mut A,
        ) -> ::core::result::Result<(), A::Error> {
            use ::odata_runtime::__private::{Serde, NavOneV2, NavManyV2};
            match field {
                0 => Serde::read_into(map, &mut self.odata_metadata),
                9 => Serde::read_into(map, &mut self.item_weight),
                11 => NavOneV2::read_into(map, &mut self.to_sales_order),
                12 => NavManyV2::read_into(map, &mut self.to_pricing_element),
                13 => NavManyV2::read_into(map, &mut self.to_schedule_line),
                _ => ::odata_runtime::__private::skip(map),
            }
        }
    }
    impl<'de> ::odata_runtime::serde::Deserialize<'de> for SalesOrderItem {
        fn deserialize<D: ::odata_runtime::serde::Deserializer<'de>>(
            d: D,
        ) -> ::core::result::Result<Self, D::Error> {
            ::odata_runtime::__private::deserialize(d)
        }
    }
    /// Properties and navigation properties, for typed queries.
    impl SalesOrderItem {
        /// Sales Order (`SalesOrder`).
        pub const SALES_ORDER: ::odata_runtime::query::Property<
            SalesOrderItem,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
        > = ::odata_runtime::query::Property::new("SalesOrder");
        /// Item (`SalesOrderItem`).
        pub const SALES_ORDER_ITEM: ::odata_runtime::query::Property<
            SalesOrderItem,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
        > = ::odata_runtime::query::Property::new("SalesOrderItem");
        /// Material (`Material`), nullable.
        pub const MATERIAL: ::odata_runtime::query::Property<
            SalesOrderItem,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("Material");
        /// Item Description (`SalesOrderItemText`), nullable.
        pub const SALES_ORDER_ITEM_TEXT: ::odata_runtime::query::Property<
            SalesOrderItem,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("SalesOrderItemText");
        /// Order Quantity (`RequestedQuantity`), nullable.
        pub const REQUESTED_QUANTITY: ::odata_runtime::query::Property<
            SalesOrderItem,
            ::odata_runtime::edm::Decimal,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("RequestedQuantity");
        /// Sales Unit (`RequestedQuantityUnit`), nullable.
        pub const REQUESTED_QUANTITY_UNIT: ::odata_runtime::query::Property<
            SalesOrderItem,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("RequestedQuantityUnit");
        /// Net Value (`NetAmount`), nullable.
        pub const NET_AMOUNT: ::odata_runtime::query::Property<
            SalesOrderItem,
            ::odata_runtime::edm::Decimal,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("NetAmount");
        /// Document Currency (`TransactionCurrency`), nullable.
        pub const TRANSACTION_CURRENCY: ::odata_runtime::query::Property<
            SalesOrderItem,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("TransactionCurrency");
        /// Last Changed (`LastChangeDateTime`), nullable.
        pub const LAST_CHANGE_DATE_TIME: ::odata_runtime::query::Property<
            SalesOrderItem,
            ::odata_runtime::edm::DateTimeOffset,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("LastChangeDateTime");
        /// Navigation `to_SalesOrder` to [`SalesOrder`].
        pub const TO_SALES_ORDER: ::odata_runtime::query::Navigation<
            SalesOrderItem,
            SalesOrder,
            ::odata_runtime::__private::One,
        > = ::odata_runtime::query::Navigation::new("to_SalesOrder");
        /// Navigation `to_PricingElement` to [`SalesOrderItemPrElement`].
        pub const TO_PRICING_ELEMENT: ::odata_runtime::query::Navigation<
            SalesOrderItem,
            SalesOrderItemPrElement,
            ::odata_runtime::__private::Many,
        > = ::odata_runtime::query::Navigation::new("to_PricingElement");
        /// Navigation `to_ScheduleLine` to [`SalesOrderScheduleLine`].
        pub const TO_SCHEDULE_LINE: ::odata_runtime::query::Navigation<
            SalesOrderItem,
            SalesOrderScheduleLine,
            ::odata_runtime::__private::Many,
        > = ::odata_runtime::query::Navigation::new("to_ScheduleLine");
    }
    impl ::odata_runtime::__private::OperationResult for SalesOrderItem {
        fn decode(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::odata_runtime::__private::DecodeError> {
            ::odata_runtime::__private::decode_object(v, op, body)
        }
        fn decode_many(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<
            ::std::vec::Vec<Self>,
            ::odata_runtime::__private::DecodeError,
        > {
            ::odata_runtime::__private::decode_objects(v, op, body)
        }
    }
    /// Changes to a [`SalesOrderItem`] for `update`: only the fields that are `Some` are sent; a nullable property is cleared with `Some(None)`. Keys and properties the service does not let clients change are not here.
    #[derive(::core::default::Default)]
    pub struct SalesOrderItemPatch {
        /// Material
        ///
        /// `Material`: `Edm.String`, max length 40, display format UpperCase.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub material: ::core::option::Option<
            ::core::option::Option<::std::string::String>,
        >,
        /// Item Description
        ///
        /// `SalesOrderItemText`: `Edm.String`, max length 40.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub sales_order_item_text: ::core::option::Option<
            ::core::option::Option<::std::string::String>,
        >,
        /// Order Quantity
        ///
        /// `RequestedQuantity`: `Edm.Decimal`, precision 15, scale 3, unit in `RequestedQuantityUnit`.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub requested_quantity: ::core::option::Option<
            ::core::option::Option<::odata_runtime::edm::Decimal>,
        >,
        /// Sales Unit
        ///
        /// `RequestedQuantityUnit`: `Edm.String`, max length 3, semantics unit-of-measure.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub requested_quantity_unit: ::core::option::Option<
            ::core::option::Option<::std::string::String>,
        >,
        /// Document Currency
        ///
        /// `TransactionCurrency`: `Edm.String`, max length 5, semantics currency-code.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub transaction_currency: ::core::option::Option<
            ::core::option::Option<::std::string::String>,
        >,
        /// `ItemWeight`: `API_SALES_ORDER_SRV.CT_Quantity`.
        /// `None`: unchanged; `Some(v)`: set to `v` (not nullable: null cannot be sent).
        pub item_weight: ::core::option::Option<CtQuantity>,
    }
    impl ::odata_runtime::__private::Object for SalesOrderItemPatch {
        const KEYS: &'static [&'static str] = &[
            "Material",
            "SalesOrderItemText",
            "RequestedQuantity",
            "RequestedQuantityUnit",
            "TransactionCurrency",
            "ItemWeight",
        ];
        const OMIT_NONE: bool = true;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "SalesOrderItemPatch";
        const NAMES: &'static [&'static str] = &[
            "material",
            "sales_order_item_text",
            "requested_quantity",
            "requested_quantity_unit",
            "transaction_currency",
            "item_weight",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::OptOptString(&self.material),
                1 => F::OptOptString(&self.sales_order_item_text),
                2 => F::OptOptDecimal(&self.requested_quantity),
                3 => F::OptOptString(&self.requested_quantity_unit),
                4 => F::OptOptString(&self.transaction_currency),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::OptOptString(&mut self.material),
                1 => F::OptOptString(&mut self.sales_order_item_text),
                2 => F::OptOptDecimal(&mut self.requested_quantity),
                3 => F::OptOptString(&mut self.requested_quantity_unit),
                4 => F::OptOptString(&mut self.transaction_currency),
                _ => F::Other,
            }
        }
        fn write_other<M: ::odata_runtime::serde::ser::SerializeMap>(
            &self,
            field: usize,
            key: &'static str,
            map: &mut M,
        ) -> ::core::result::Result<(), M::Error> {
            use ::odata_runtime::__private::Serde;
            match field {
                5 => Serde::write_some(map, key, &self.item_weight),
                _ => ::core::result::Result::Ok(()),
            }
        }
        fn other(&self, field: usize) -> &dyn ::odata_runtime::__private::OtherField {
            match field {
                5 => &self.item_weight,
                _ => &(),
            }
        }
        fn other_mut(
            &mut self,
            field: usize,
        ) -> ::core::option::Option<&mut dyn ::odata_runtime::__private::OtherField> {
            match field {
                5 => ::core::option::Option::Some(&mut self.item_weight),
                _ => ::core::option::Option::None,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(SalesOrderItemPatch, clone);
    /// A new [`SalesOrderItem`] for `create`: only the properties the service accepts on create. Required ones are the arguments of [`NewSalesOrderItem::new`]; the others are sent only when `Some`, so the server's defaults stay in force.
    ///
    /// Set optional ones with struct update syntax: `NewSalesOrderItem { field: Some(…), ..NewSalesOrderItem::new(…) }`.
    #[derive(::core::clone::Clone)]
    pub struct NewSalesOrderItem {
        /// Sales Order
        ///
        /// `SalesOrder`: `Edm.String`, max length 10, key.
        /// Required on create: part of the key.
        pub sales_order: ::std::string::String,
        /// Item
        ///
        /// `SalesOrderItem`: `Edm.String`, max length 6, key, display format NonNegative.
        /// Required on create: part of the key.
        pub sales_order_item: ::std::string::String,
        /// Material
        ///
        /// `Material`: `Edm.String`, max length 40, display format UpperCase.
        /// Optional: not sent when `None`.
        pub material: ::core::option::Option<::std::string::String>,
        /// Item Description
        ///
        /// `SalesOrderItemText`: `Edm.String`, max length 40.
        /// Optional: not sent when `None`.
        pub sales_order_item_text: ::core::option::Option<::std::string::String>,
        /// Order Quantity
        ///
        /// `RequestedQuantity`: `Edm.Decimal`, precision 15, scale 3, unit in `RequestedQuantityUnit`.
        /// Optional: not sent when `None`.
        pub requested_quantity: ::core::option::Option<::odata_runtime::edm::Decimal>,
        /// Sales Unit
        ///
        /// `RequestedQuantityUnit`: `Edm.String`, max length 3, semantics unit-of-measure.
        /// Optional: not sent when `None`.
        pub requested_quantity_unit: ::core::option::Option<::std::string::String>,
        /// Document Currency
        ///
        /// `TransactionCurrency`: `Edm.String`, max length 5, semantics currency-code.
        /// Optional: not sent when `None`.
        pub transaction_currency: ::core::option::Option<::std::string::String>,
        /// `ItemWeight`: `API_SALES_ORDER_SRV.CT_Quantity`.
        /// Optional: not sent when `None`.
        pub item_weight: ::core::option::Option<CtQuantity>,
        /// Navigation `to_SalesOrder`: new [`NewSalesOrder`] entity created with this one (deep insert); not sent when `None`.
        pub to_sales_order: ::core::option::Option<::std::boxed::Box<NewSalesOrder>>,
        /// Navigation `to_PricingElement`: new [`NewSalesOrderItemPrElement`] entities created with this one (deep insert); not sent when `None`.
        pub to_pricing_element: ::core::option::Option<
            ::std::vec::Vec<NewSalesOrderItemPrElement>,
        >,
        /// Navigation `to_ScheduleLine`: new [`NewSalesOrderScheduleLine`] entities created with this one (deep insert); not sent when `None`.
        pub to_schedule_line: ::core::option::Option<
            ::std::vec::Vec<NewSalesOrderScheduleLine>,
        >,
    }
    impl NewSalesOrderItem {
        /// A new [`SalesOrderItem`] with its required properties (`SalesOrder`, `SalesOrderItem`) and nothing else.
        #[must_use]
        pub fn new(
            sales_order: impl ::core::convert::Into<::std::string::String>,
            sales_order_item: impl ::core::convert::Into<::std::string::String>,
        ) -> Self {
            NewSalesOrderItem {
                sales_order: ::core::convert::Into::into(sales_order),
                sales_order_item: ::core::convert::Into::into(sales_order_item),
                material: ::core::option::Option::None,
                sales_order_item_text: ::core::option::Option::None,
                requested_quantity: ::core::option::Option::None,
                requested_quantity_unit: ::core::option::Option::None,
                transaction_currency: ::core::option::Option::None,
                item_weight: ::core::option::Option::None,
                to_sales_order: ::core::option::Option::None,
                to_pricing_element: ::core::option::Option::None,
                to_schedule_line: ::core::option::Option::None,
            }
        }
    }
    impl ::odata_runtime::__private::Object for NewSalesOrderItem {
        const KEYS: &'static [&'static str] = &[
            "SalesOrder",
            "SalesOrderItem",
            "Material",
            "SalesOrderItemText",
            "RequestedQuantity",
            "RequestedQuantityUnit",
            "TransactionCurrency",
            "ItemWeight",
            "to_SalesOrder",
            "to_PricingElement",
            "to_ScheduleLine",
        ];
        const OMIT_NONE: bool = true;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "NewSalesOrderItem";
        const NAMES: &'static [&'static str] = &[
            "sales_order",
            "sales_order_item",
            "material",
            "sales_order_item_text",
            "requested_quantity",
            "requested_quantity_unit",
            "transaction_currency",
            "item_weight",
            "to_sales_order",
            "to_pricing_element",
            "to_schedule_line",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::String(&self.sales_order),
                1 => F::String(&self.sales_order_item),
                2 => F::OptString(&self.material),
                3 => F::OptString(&self.sales_order_item_text),
                4 => F::OptDecimal(&self.requested_quantity),
                5 => F::OptString(&self.requested_quantity_unit),
                6 => F::OptString(&self.transaction_currency),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::String(&mut self.sales_order),
                1 => F::String(&mut self.sales_order_item),
                2 => F::OptString(&mut self.material),
                3 => F::OptString(&mut self.sales_order_item_text),
                4 => F::OptDecimal(&mut self.requested_quantity),
                5 => F::OptString(&mut self.requested_quantity_unit),
                6 => F::OptString(&mut self.transaction_currency),
                _ => F::Other,
            }
        }
        fn write_other<M: ::odata_runtime::serde::ser::SerializeMap>(
            &self,
            field: usize,
            key: &'static str,
            map: &mut M,
        ) -> ::core::result::Result<(), M::Error> {
            use ::odata_runtime::__private::{Serde, NavOneV2, NavManyV2};
            match field {
                7 => Serde::write_some(map, key, &self.item_weight),
                8 => NavOneV2::write_some(map, key, &self.to_sales_order),
                9 => NavManyV2::write_some(map, key, &self.to_pricing_element),
                10 => NavManyV2::write_some(map, key, &self.to_schedule_line),
                _ => ::core::result::Result::Ok(()),
            }
        }
        fn other(&self, field: usize) -> &dyn ::odata_runtime::__private::OtherField {
            match field {
                7 => &self.item_weight,
                8 => &self.to_sales_order,
                9 => &self.to_pricing_element,
                10 => &self.to_schedule_line,
                _ => &(),
            }
        }
        fn other_mut(
            &mut self,
            field: usize,
        ) -> ::core::option::Option<&mut dyn ::odata_runtime::__private::OtherField> {
            match field {
                7 => ::core::option::Option::Some(&mut self.item_weight),
                8 => ::core::option::Option::Some(&mut self.to_sales_order),
                9 => ::core::option::Option::Some(&mut self.to_pricing_element),
                10 => ::core::option::Option::Some(&mut self.to_schedule_line),
                _ => ::core::option::Option::None,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(NewSalesOrderItem);
    impl ::odata_runtime::request::NewEntity for NewSalesOrderItem {
        type Entity = SalesOrderItem;
    }
    /// The key of [`SalesOrderItem`] (entity type `API_SALES_ORDER_SRV.A_SalesOrderItemType`).
    #[derive(
        ::core::clone::Clone,
        ::core::fmt::Debug,
        ::core::cmp::PartialEq,
        ::core::cmp::Eq,
        ::core::hash::Hash
    )]
    pub struct SalesOrderItemKey {
        /// `SalesOrder`
        pub sales_order: ::std::string::String,
        /// `SalesOrderItem`
        pub sales_order_item: ::std::string::String,
    }
    impl ::odata_runtime::EntityKey for SalesOrderItemKey {
        fn key_values(
            &self,
            version: ::odata_runtime::Version,
        ) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
            ::std::vec![
                ("SalesOrder", ::odata_runtime::edm::EdmValue::to_literal(& self
                .sales_order, version)), ("SalesOrderItem",
                ::odata_runtime::edm::EdmValue::to_literal(& self.sales_order_item,
                version))
            ]
        }
    }
    impl ::odata_runtime::Entity for SalesOrderItem {
        const ENTITY_TYPE: &'static str = "API_SALES_ORDER_SRV.A_SalesOrderItemType";
        type Key = SalesOrderItemKey;
        fn key(&self) -> SalesOrderItemKey {
            SalesOrderItemKey {
                sales_order: ::core::clone::Clone::clone(&self.sales_order),
                sales_order_item: ::core::clone::Clone::clone(&self.sales_order_item),
            }
        }
        fn etag(&self) -> ::core::option::Option<&str> {
            self.odata_metadata.as_ref().and_then(|m| m.etag.as_deref())
        }
    }
    /// Item Pricing Element
    ///
    /// Entity type `API_SALES_ORDER_SRV.A_SalesOrderItemPrElementType`, key `SalesOrder`, `SalesOrderItem`, `PricingProcedureStep`, `PricingProcedureCounter`; entity set `A_SalesOrderItemPrElement`.
    #[derive(::core::default::Default)]
    pub struct SalesOrderItemPrElement {
        /// `__metadata`: URI, type and ETag as the server sent them.
        pub odata_metadata: ::core::option::Option<
            ::odata_runtime::__private::EntityMetadata,
        >,
        /// Sales Order
        ///
        /// `SalesOrder`: `Edm.String`, max length 10, key.
        pub sales_order: ::std::string::String,
        /// Item
        ///
        /// `SalesOrderItem`: `Edm.String`, max length 6, key.
        pub sales_order_item: ::std::string::String,
        /// Step Number
        ///
        /// `PricingProcedureStep`: `Edm.String`, max length 3, key.
        pub pricing_procedure_step: ::std::string::String,
        /// Counter
        ///
        /// `PricingProcedureCounter`: `Edm.String`, max length 3, key.
        pub pricing_procedure_counter: ::std::string::String,
        /// Condition Type
        ///
        /// `ConditionType`: `Edm.String`, max length 4.
        pub condition_type: ::core::option::Option<::std::string::String>,
        /// Condition Rate
        ///
        /// `ConditionRateValue`: `Edm.Decimal`, precision 24, scale 9.
        pub condition_rate_value: ::core::option::Option<::odata_runtime::edm::Decimal>,
        /// Condition Currency
        ///
        /// `ConditionCurrency`: `Edm.String`, max length 5, semantics currency-code.
        pub condition_currency: ::core::option::Option<::std::string::String>,
        /// Changed Manually
        ///
        /// `ConditionIsManuallyChanged`: `Edm.Boolean`, read-only.
        pub condition_is_manually_changed: ::core::option::Option<bool>,
    }
    impl ::odata_runtime::__private::Object for SalesOrderItemPrElement {
        const KEYS: &'static [&'static str] = &[
            "__metadata",
            "SalesOrder",
            "SalesOrderItem",
            "PricingProcedureStep",
            "PricingProcedureCounter",
            "ConditionType",
            "ConditionRateValue",
            "ConditionCurrency",
            "ConditionIsManuallyChanged",
        ];
        const OMIT_NONE: bool = false;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "SalesOrderItemPrElement";
        const NAMES: &'static [&'static str] = &[
            "odata_metadata",
            "sales_order",
            "sales_order_item",
            "pricing_procedure_step",
            "pricing_procedure_counter",
            "condition_type",
            "condition_rate_value",
            "condition_currency",
            "condition_is_manually_changed",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                1 => F::String(&self.sales_order),
                2 => F::String(&self.sales_order_item),
                3 => F::String(&self.pricing_procedure_step),
                4 => F::String(&self.pricing_procedure_counter),
                5 => F::OptString(&self.condition_type),
                6 => F::OptDecimal(&self.condition_rate_value),
                7 => F::OptString(&self.condition_currency),
                8 => F::OptBool(&self.condition_is_manually_changed),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                1 => F::String(&mut self.sales_order),
                2 => F::String(&mut self.sales_order_item),
                3 => F::String(&mut self.pricing_procedure_step),
                4 => F::String(&mut self.pricing_procedure_counter),
                5 => F::OptString(&mut self.condition_type),
                6 => F::OptDecimal(&mut self.condition_rate_value),
                7 => F::OptString(&mut self.condition_currency),
                8 => F::OptBool(&mut self.condition_is_manually_changed),
                _ => F::Other,
            }
        }
        fn write_other<M: ::odata_runtime::serde::ser::SerializeMap>(
            &self,
            field: usize,
            key: &'static str,
            map: &mut M,
        ) -> ::core::result::Result<(), M::Error> {
            use ::odata_runtime::__private::Serde;
            match field {
                0 => Serde::write_some(map, key, &self.odata_metadata),
                _ => ::core::result::Result::Ok(()),
            }
        }
        fn other(&self, field: usize) -> &dyn ::odata_runtime::__private::OtherField {
            match field {
                0 => &self.odata_metadata,
                _ => &(),
            }
        }
        fn other_mut(
            &mut self,
            field: usize,
        ) -> ::core::option::Option<&mut dyn ::odata_runtime::__private::OtherField> {
            match field {
                0 => ::core::option::Option::Some(&mut self.odata_metadata),
                _ => ::core::option::Option::None,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(SalesOrderItemPrElement, clone);
    impl ::odata_runtime::__private::ReadObject for SalesOrderItemPrElement {
        const NAME: &'static str = "API_SALES_ORDER_SRV.A_SalesOrderItemPrElementType";
        const REQUIRED: &'static [usize] = &[1, 2, 3, 4];
        #[inline]
        fn read_other<'de, A: ::odata_runtime::serde::de::MapAccess<'de>>(
            &mut self,
            field: usize,
            map: &mut A,
        ) -> ::core::result::Result<(), A::Error> {
            use ::odata_runtime::__private::Serde;
            match field {
                0 => Serde::read_into(map, &mut self.odata_metadata),
                _ => ::odata_runtime::__private::skip(map),
            }
        }
    }
    impl<'de> ::odata_runtime::serde::Deserialize<'de> for SalesOrderItemPrElement {
        fn deserialize<D: ::odata_runtime::serde::Deserializer<'de>>(
            d: D,
        ) -> ::core::result::Result<Self, D::Error> {
            ::odata_runtime::__private::deserialize(d)
        }
    }
    /// Properties and navigation properties, for typed queries.
    impl SalesOrderItemPrElement {
        /// Sales Order (`SalesOrder`).
        pub const SALES_ORDER: ::odata_runtime::query::Property<
            SalesOrderItemPrElement,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
        > = ::odata_runtime::query::Property::new("SalesOrder");
        /// Item (`SalesOrderItem`).
        pub const SALES_ORDER_ITEM: ::odata_runtime::query::Property<
            SalesOrderItemPrElement,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
        > = ::odata_runtime::query::Property::new("SalesOrderItem");
        /// Step Number (`PricingProcedureStep`).
        pub const PRICING_PROCEDURE_STEP: ::odata_runtime::query::Property<
            SalesOrderItemPrElement,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
        > = ::odata_runtime::query::Property::new("PricingProcedureStep");
        /// Counter (`PricingProcedureCounter`).
        pub const PRICING_PROCEDURE_COUNTER: ::odata_runtime::query::Property<
            SalesOrderItemPrElement,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
        > = ::odata_runtime::query::Property::new("PricingProcedureCounter");
        /// Condition Type (`ConditionType`), nullable.
        pub const CONDITION_TYPE: ::odata_runtime::query::Property<
            SalesOrderItemPrElement,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("ConditionType");
        /// Condition Rate (`ConditionRateValue`), nullable.
        pub const CONDITION_RATE_VALUE: ::odata_runtime::query::Property<
            SalesOrderItemPrElement,
            ::odata_runtime::edm::Decimal,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("ConditionRateValue");
        /// Condition Currency (`ConditionCurrency`), nullable.
        pub const CONDITION_CURRENCY: ::odata_runtime::query::Property<
            SalesOrderItemPrElement,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("ConditionCurrency");
        /// Changed Manually (`ConditionIsManuallyChanged`), nullable.
        pub const CONDITION_IS_MANUALLY_CHANGED: ::odata_runtime::query::Property<
            SalesOrderItemPrElement,
            bool,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("ConditionIsManuallyChanged");
    }
    impl ::odata_runtime::__private::OperationResult for SalesOrderItemPrElement {
        fn decode(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::odata_runtime::__private::DecodeError> {
            ::odata_runtime::__private::decode_object(v, op, body)
        }
        fn decode_many(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<
            ::std::vec::Vec<Self>,
            ::odata_runtime::__private::DecodeError,
        > {
            ::odata_runtime::__private::decode_objects(v, op, body)
        }
    }
    /// Changes to a [`SalesOrderItemPrElement`] for `update`: only the fields that are `Some` are sent; a nullable property is cleared with `Some(None)`. Keys and properties the service does not let clients change are not here.
    #[derive(::core::default::Default)]
    pub struct SalesOrderItemPrElementPatch {
        /// Condition Type
        ///
        /// `ConditionType`: `Edm.String`, max length 4.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub condition_type: ::core::option::Option<
            ::core::option::Option<::std::string::String>,
        >,
        /// Condition Rate
        ///
        /// `ConditionRateValue`: `Edm.Decimal`, precision 24, scale 9.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub condition_rate_value: ::core::option::Option<
            ::core::option::Option<::odata_runtime::edm::Decimal>,
        >,
        /// Condition Currency
        ///
        /// `ConditionCurrency`: `Edm.String`, max length 5, semantics currency-code.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub condition_currency: ::core::option::Option<
            ::core::option::Option<::std::string::String>,
        >,
    }
    impl ::odata_runtime::__private::Object for SalesOrderItemPrElementPatch {
        const KEYS: &'static [&'static str] = &[
            "ConditionType",
            "ConditionRateValue",
            "ConditionCurrency",
        ];
        const OMIT_NONE: bool = true;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "SalesOrderItemPrElementPatch";
        const NAMES: &'static [&'static str] = &[
            "condition_type",
            "condition_rate_value",
            "condition_currency",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::OptOptString(&self.condition_type),
                1 => F::OptOptDecimal(&self.condition_rate_value),
                2 => F::OptOptString(&self.condition_currency),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::OptOptString(&mut self.condition_type),
                1 => F::OptOptDecimal(&mut self.condition_rate_value),
                2 => F::OptOptString(&mut self.condition_currency),
                _ => F::Other,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(SalesOrderItemPrElementPatch, clone);
    /// A new [`SalesOrderItemPrElement`] for `create`: only the properties the service accepts on create. Required ones are the arguments of [`NewSalesOrderItemPrElement::new`]; the others are sent only when `Some`, so the server's defaults stay in force.
    ///
    /// Set optional ones with struct update syntax: `NewSalesOrderItemPrElement { field: Some(…), ..NewSalesOrderItemPrElement::new(…) }`.
    #[derive(::core::clone::Clone)]
    pub struct NewSalesOrderItemPrElement {
        /// Sales Order
        ///
        /// `SalesOrder`: `Edm.String`, max length 10, key.
        /// Required on create: part of the key.
        pub sales_order: ::std::string::String,
        /// Item
        ///
        /// `SalesOrderItem`: `Edm.String`, max length 6, key.
        /// Required on create: part of the key.
        pub sales_order_item: ::std::string::String,
        /// Step Number
        ///
        /// `PricingProcedureStep`: `Edm.String`, max length 3, key.
        /// Required on create: part of the key.
        pub pricing_procedure_step: ::std::string::String,
        /// Counter
        ///
        /// `PricingProcedureCounter`: `Edm.String`, max length 3, key.
        /// Required on create: part of the key.
        pub pricing_procedure_counter: ::std::string::String,
        /// Condition Type
        ///
        /// `ConditionType`: `Edm.String`, max length 4.
        /// Optional: not sent when `None`.
        pub condition_type: ::core::option::Option<::std::string::String>,
        /// Condition Rate
        ///
        /// `ConditionRateValue`: `Edm.Decimal`, precision 24, scale 9.
        /// Optional: not sent when `None`.
        pub condition_rate_value: ::core::option::Option<::odata_runtime::edm::Decimal>,
        /// Condition Currency
        ///
        /// `ConditionCurrency`: `Edm.String`, max length 5, semantics currency-code.
        /// Optional: not sent when `None`.
        pub condition_currency: ::core::option::Option<::std::string::String>,
    }
    impl NewSalesOrderItemPrElement {
        /// A new [`SalesOrderItemPrElement`] with its required properties (`SalesOrder`, `SalesOrderItem`, `PricingProcedureStep`, `PricingProcedureCounter`) and nothing else.
        #[must_use]
        pub fn new(
            sales_order: impl ::core::convert::Into<::std::string::String>,
            sales_order_item: impl ::core::convert::Into<::std::string::String>,
            pricing_procedure_step: impl ::core::convert::Into<::std::string::String>,
            pricing_procedure_counter: impl ::core::convert::Into<::std::string::String>,
        ) -> Self {
            NewSalesOrderItemPrElement {
                sales_order: ::core::convert::Into::into(sales_order),
                sales_order_item: ::core::convert::Into::into(sales_order_item),
                pricing_procedure_step: ::core::convert::Into::into(
                    pricing_procedure_step,
                ),
                pricing_procedure_counter: ::core::convert::Into::into(
                    pricing_procedure_counter,
                ),
                condition_type: ::core::option::Option::None,
                condition_rate_value: ::core::option::Option::None,
                condition_currency: ::core::option::Option::None,
            }
        }
    }
    impl ::odata_runtime::__private::Object for NewSalesOrderItemPrElement {
        const KEYS: &'static [&'static str] = &[
            "SalesOrder",
            "SalesOrderItem",
            "PricingProcedureStep",
            "PricingProcedureCounter",
            "ConditionType",
            "ConditionRateValue",
            "ConditionCurrency",
        ];
        const OMIT_NONE: bool = true;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "NewSalesOrderItemPrElement";
        const NAMES: &'static [&'static str] = &[
            "sales_order",
            "sales_order_item",
            "pricing_procedure_step",
            "pricing_procedure_counter",
            "condition_type",
            "condition_rate_value",
            "condition_currency",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::String(&self.sales_order),
                1 => F::String(&self.sales_order_item),
                2 => F::String(&self.pricing_procedure_step),
                3 => F::String(&self.pricing_procedure_counter),
                4 => F::OptString(&self.condition_type),
                5 => F::OptDecimal(&self.condition_rate_value),
                6 => F::OptString(&self.condition_currency),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::String(&mut self.sales_order),
                1 => F::String(&mut self.sales_order_item),
                2 => F::String(&mut self.pricing_procedure_step),
                3 => F::String(&mut self.pricing_procedure_counter),
                4 => F::OptString(&mut self.condition_type),
                5 => F::OptDecimal(&mut self.condition_rate_value),
                6 => F::OptString(&mut self.condition_currency),
                _ => F::Other,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(NewSalesOrderItemPrElement);
    impl ::odata_runtime::request::NewEntity for NewSalesOrderItemPrElement {
        type Entity = SalesOrderItemPrElement;
    }
    /// The key of [`SalesOrderItemPrElement`] (entity type `API_SALES_ORDER_SRV.A_SalesOrderItemPrElementType`).
    #[derive(
        ::core::clone::Clone,
        ::core::fmt::Debug,
        ::core::cmp::PartialEq,
        ::core::cmp::Eq,
        ::core::hash::Hash
    )]
    pub struct SalesOrderItemPrElementKey {
        /// `SalesOrder`
        pub sales_order: ::std::string::String,
        /// `SalesOrderItem`
        pub sales_order_item: ::std::string::String,
        /// `PricingProcedureStep`
        pub pricing_procedure_step: ::std::string::String,
        /// `PricingProcedureCounter`
        pub pricing_procedure_counter: ::std::string::String,
    }
    impl ::odata_runtime::EntityKey for SalesOrderItemPrElementKey {
        fn key_values(
            &self,
            version: ::odata_runtime::Version,
        ) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
            ::std::vec![
                ("SalesOrder", ::odata_runtime::edm::EdmValue::to_literal(& self
                .sales_order, version)), ("SalesOrderItem",
                ::odata_runtime::edm::EdmValue::to_literal(& self.sales_order_item,
                version)), ("PricingProcedureStep",
                ::odata_runtime::edm::EdmValue::to_literal(& self.pricing_procedure_step,
                version)), ("PricingProcedureCounter",
                ::odata_runtime::edm::EdmValue::to_literal(& self
                .pricing_procedure_counter, version))
            ]
        }
    }
    impl ::odata_runtime::Entity for SalesOrderItemPrElement {
        const ENTITY_TYPE: &'static str = "API_SALES_ORDER_SRV.A_SalesOrderItemPrElementType";
        type Key = SalesOrderItemPrElementKey;
        fn key(&self) -> SalesOrderItemPrElementKey {
            SalesOrderItemPrElementKey {
                sales_order: ::core::clone::Clone::clone(&self.sales_order),
                sales_order_item: ::core::clone::Clone::clone(&self.sales_order_item),
                pricing_procedure_step: ::core::clone::Clone::clone(
                    &self.pricing_procedure_step,
                ),
                pricing_procedure_counter: ::core::clone::Clone::clone(
                    &self.pricing_procedure_counter,
                ),
            }
        }
        fn etag(&self) -> ::core::option::Option<&str> {
            self.odata_metadata.as_ref().and_then(|m| m.etag.as_deref())
        }
    }
    /// Schedule Line
    ///
    /// Entity type `API_SALES_ORDER_SRV.A_SalesOrderScheduleLineType`, key `SalesOrder`, `SalesOrderItem`, `ScheduleLine`; entity set `A_SalesOrderScheduleLine`.
    #[derive(::core::default::Default)]
    pub struct SalesOrderScheduleLine {
        /// `__metadata`: URI, type and ETag as the server sent them.
        pub odata_metadata: ::core::option::Option<
            ::odata_runtime::__private::EntityMetadata,
        >,
        /// Sales Order
        ///
        /// `SalesOrder`: `Edm.String`, max length 10, key.
        pub sales_order: ::std::string::String,
        /// Item
        ///
        /// `SalesOrderItem`: `Edm.String`, max length 6, key.
        pub sales_order_item: ::std::string::String,
        /// Schedule Line
        ///
        /// `ScheduleLine`: `Edm.String`, max length 4, key.
        pub schedule_line: ::std::string::String,
        /// Requested Delivery Date
        ///
        /// `RequestedDeliveryDate`: `Edm.DateTime`, precision 0, display format Date.
        pub requested_delivery_date: ::core::option::Option<
            ::odata_runtime::edm::DateTime,
        >,
        /// Confirmed Date
        ///
        /// `ConfirmedDeliveryDate`: `Edm.DateTime`, precision 0, read-only, display format Date.
        pub confirmed_delivery_date: ::core::option::Option<
            ::odata_runtime::edm::DateTime,
        >,
        /// Order Quantity
        ///
        /// `ScheduleLineOrderQuantity`: `Edm.Decimal`, precision 13, scale 3.
        pub schedule_line_order_quantity: ::core::option::Option<
            ::odata_runtime::edm::Decimal,
        >,
        /// Goods Issue Time
        ///
        /// `GoodsIssueTime`: `Edm.Time`, precision 0.
        pub goods_issue_time: ::core::option::Option<::odata_runtime::edm::TimeOfDay>,
    }
    impl ::odata_runtime::__private::Object for SalesOrderScheduleLine {
        const KEYS: &'static [&'static str] = &[
            "__metadata",
            "SalesOrder",
            "SalesOrderItem",
            "ScheduleLine",
            "RequestedDeliveryDate",
            "ConfirmedDeliveryDate",
            "ScheduleLineOrderQuantity",
            "GoodsIssueTime",
        ];
        const OMIT_NONE: bool = false;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "SalesOrderScheduleLine";
        const NAMES: &'static [&'static str] = &[
            "odata_metadata",
            "sales_order",
            "sales_order_item",
            "schedule_line",
            "requested_delivery_date",
            "confirmed_delivery_date",
            "schedule_line_order_quantity",
            "goods_issue_time",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                1 => F::String(&self.sales_order),
                2 => F::String(&self.sales_order_item),
                3 => F::String(&self.schedule_line),
                4 => F::OptDateTime(&self.requested_delivery_date),
                5 => F::OptDateTime(&self.confirmed_delivery_date),
                6 => F::OptDecimal(&self.schedule_line_order_quantity),
                7 => F::OptTimeOfDay(&self.goods_issue_time),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                1 => F::String(&mut self.sales_order),
                2 => F::String(&mut self.sales_order_item),
                3 => F::String(&mut self.schedule_line),
                4 => F::OptDateTime(&mut self.requested_delivery_date),
                5 => F::OptDateTime(&mut self.confirmed_delivery_date),
                6 => F::OptDecimal(&mut self.schedule_line_order_quantity),
                7 => F::OptTimeOfDay(&mut self.goods_issue_time),
                _ => F::Other,
            }
        }
        fn write_other<M: ::odata_runtime::serde::ser::SerializeMap>(
            &self,
            field: usize,
            key: &'static str,
            map: &mut M,
        ) -> ::core::result::Result<(), M::Error> {
            use ::odata_runtime::__private::Serde;
            match field {
                0 => Serde::write_some(map, key, &self.odata_metadata),
                _ => ::core::result::Result::Ok(()),
            }
        }
        fn other(&self, field: usize) -> &dyn ::odata_runtime::__private::OtherField {
            match field {
                0 => &self.odata_metadata,
                _ => &(),
            }
        }
        fn other_mut(
            &mut self,
            field: usize,
        ) -> ::core::option::Option<&mut dyn ::odata_runtime::__private::OtherField> {
            match field {
                0 => ::core::option::Option::Some(&mut self.odata_metadata),
                _ => ::core::option::Option::None,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(SalesOrderScheduleLine, clone);
    impl ::odata_runtime::__private::ReadObject for SalesOrderScheduleLine {
        const NAME: &'static str = "API_SALES_ORDER_SRV.A_SalesOrderScheduleLineType";
        const REQUIRED: &'static [usize] = &[1, 2, 3];
        #[inline]
        fn read_other<'de, A: ::odata_runtime::serde::de::MapAccess<'de>>(
            &mut self,
            field: usize,
            map: &mut A,
        ) -> ::core::result::Result<(), A::Error> {
            use ::odata_runtime::__private::Serde;
            match field {
                0 => Serde::read_into(map, &mut self.odata_metadata),
                _ => ::odata_runtime::__private::skip(map),
            }
        }
    }
    impl<'de> ::odata_runtime::serde::Deserialize<'de> for SalesOrderScheduleLine {
        fn deserialize<D: ::odata_runtime::serde::Deserializer<'de>>(
            d: D,
        ) -> ::core::result::Result<Self, D::Error> {
            ::odata_runtime::__private::deserialize(d)
        }
    }
    /// Properties and navigation properties, for typed queries.
    impl SalesOrderScheduleLine {
        /// Sales Order (`SalesOrder`).
        pub const SALES_ORDER: ::odata_runtime::query::Property<
            SalesOrderScheduleLine,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
        > = ::odata_runtime::query::Property::new("SalesOrder");
        /// Item (`SalesOrderItem`).
        pub const SALES_ORDER_ITEM: ::odata_runtime::query::Property<
            SalesOrderScheduleLine,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
        > = ::odata_runtime::query::Property::new("SalesOrderItem");
        /// Schedule Line (`ScheduleLine`).
        pub const SCHEDULE_LINE: ::odata_runtime::query::Property<
            SalesOrderScheduleLine,
            ::std::string::String,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
        > = ::odata_runtime::query::Property::new("ScheduleLine");
        /// Requested Delivery Date (`RequestedDeliveryDate`), nullable.
        pub const REQUESTED_DELIVERY_DATE: ::odata_runtime::query::Property<
            SalesOrderScheduleLine,
            ::odata_runtime::edm::DateTime,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("RequestedDeliveryDate");
        /// Confirmed Date (`ConfirmedDeliveryDate`), nullable.
        pub const CONFIRMED_DELIVERY_DATE: ::odata_runtime::query::Property<
            SalesOrderScheduleLine,
            ::odata_runtime::edm::DateTime,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("ConfirmedDeliveryDate");
        /// Order Quantity (`ScheduleLineOrderQuantity`), nullable.
        pub const SCHEDULE_LINE_ORDER_QUANTITY: ::odata_runtime::query::Property<
            SalesOrderScheduleLine,
            ::odata_runtime::edm::Decimal,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("ScheduleLineOrderQuantity");
        /// Goods Issue Time (`GoodsIssueTime`), nullable.
        pub const GOODS_ISSUE_TIME: ::odata_runtime::query::Property<
            SalesOrderScheduleLine,
            ::odata_runtime::edm::TimeOfDay,
            ::odata_runtime::__private::Filterable,
            ::odata_runtime::__private::Sortable,
            ::odata_runtime::__private::Nullable,
        > = ::odata_runtime::query::Property::new("GoodsIssueTime");
    }
    impl ::odata_runtime::__private::OperationResult for SalesOrderScheduleLine {
        fn decode(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::odata_runtime::__private::DecodeError> {
            ::odata_runtime::__private::decode_object(v, op, body)
        }
        fn decode_many(
            v: ::odata_runtime::Version,
            op: &str,
            body: &[u8],
        ) -> ::core::result::Result<
            ::std::vec::Vec<Self>,
            ::odata_runtime::__private::DecodeError,
        > {
            ::odata_runtime::__private::decode_objects(v, op, body)
        }
    }
    /// Changes to a [`SalesOrderScheduleLine`] for `update`: only the fields that are `Some` are sent; a nullable property is cleared with `Some(None)`. Keys and properties the service does not let clients change are not here.
    #[derive(::core::default::Default)]
    pub struct SalesOrderScheduleLinePatch {
        /// Requested Delivery Date
        ///
        /// `RequestedDeliveryDate`: `Edm.DateTime`, precision 0, display format Date.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub requested_delivery_date: ::core::option::Option<
            ::core::option::Option<::odata_runtime::edm::DateTime>,
        >,
        /// Order Quantity
        ///
        /// `ScheduleLineOrderQuantity`: `Edm.Decimal`, precision 13, scale 3.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub schedule_line_order_quantity: ::core::option::Option<
            ::core::option::Option<::odata_runtime::edm::Decimal>,
        >,
        /// Goods Issue Time
        ///
        /// `GoodsIssueTime`: `Edm.Time`, precision 0.
        /// `None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null.
        pub goods_issue_time: ::core::option::Option<
            ::core::option::Option<::odata_runtime::edm::TimeOfDay>,
        >,
    }
    impl ::odata_runtime::__private::Object for SalesOrderScheduleLinePatch {
        const KEYS: &'static [&'static str] = &[
            "RequestedDeliveryDate",
            "ScheduleLineOrderQuantity",
            "GoodsIssueTime",
        ];
        const OMIT_NONE: bool = true;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "SalesOrderScheduleLinePatch";
        const NAMES: &'static [&'static str] = &[
            "requested_delivery_date",
            "schedule_line_order_quantity",
            "goods_issue_time",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::OptOptDateTime(&self.requested_delivery_date),
                1 => F::OptOptDecimal(&self.schedule_line_order_quantity),
                2 => F::OptOptTimeOfDay(&self.goods_issue_time),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::OptOptDateTime(&mut self.requested_delivery_date),
                1 => F::OptOptDecimal(&mut self.schedule_line_order_quantity),
                2 => F::OptOptTimeOfDay(&mut self.goods_issue_time),
                _ => F::Other,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(SalesOrderScheduleLinePatch, clone);
    /// A new [`SalesOrderScheduleLine`] for `create`: only the properties the service accepts on create. Required ones are the arguments of [`NewSalesOrderScheduleLine::new`]; the others are sent only when `Some`, so the server's defaults stay in force.
    ///
    /// Set optional ones with struct update syntax: `NewSalesOrderScheduleLine { field: Some(…), ..NewSalesOrderScheduleLine::new(…) }`.
    #[derive(::core::clone::Clone)]
    pub struct NewSalesOrderScheduleLine {
        /// Sales Order
        ///
        /// `SalesOrder`: `Edm.String`, max length 10, key.
        /// Required on create: part of the key.
        pub sales_order: ::std::string::String,
        /// Item
        ///
        /// `SalesOrderItem`: `Edm.String`, max length 6, key.
        /// Required on create: part of the key.
        pub sales_order_item: ::std::string::String,
        /// Schedule Line
        ///
        /// `ScheduleLine`: `Edm.String`, max length 4, key.
        /// Required on create: part of the key.
        pub schedule_line: ::std::string::String,
        /// Requested Delivery Date
        ///
        /// `RequestedDeliveryDate`: `Edm.DateTime`, precision 0, display format Date.
        /// Optional: not sent when `None`.
        pub requested_delivery_date: ::core::option::Option<
            ::odata_runtime::edm::DateTime,
        >,
        /// Order Quantity
        ///
        /// `ScheduleLineOrderQuantity`: `Edm.Decimal`, precision 13, scale 3.
        /// Optional: not sent when `None`.
        pub schedule_line_order_quantity: ::core::option::Option<
            ::odata_runtime::edm::Decimal,
        >,
        /// Goods Issue Time
        ///
        /// `GoodsIssueTime`: `Edm.Time`, precision 0.
        /// Optional: not sent when `None`.
        pub goods_issue_time: ::core::option::Option<::odata_runtime::edm::TimeOfDay>,
    }
    impl NewSalesOrderScheduleLine {
        /// A new [`SalesOrderScheduleLine`] with its required properties (`SalesOrder`, `SalesOrderItem`, `ScheduleLine`) and nothing else.
        #[must_use]
        pub fn new(
            sales_order: impl ::core::convert::Into<::std::string::String>,
            sales_order_item: impl ::core::convert::Into<::std::string::String>,
            schedule_line: impl ::core::convert::Into<::std::string::String>,
        ) -> Self {
            NewSalesOrderScheduleLine {
                sales_order: ::core::convert::Into::into(sales_order),
                sales_order_item: ::core::convert::Into::into(sales_order_item),
                schedule_line: ::core::convert::Into::into(schedule_line),
                requested_delivery_date: ::core::option::Option::None,
                schedule_line_order_quantity: ::core::option::Option::None,
                goods_issue_time: ::core::option::Option::None,
            }
        }
    }
    impl ::odata_runtime::__private::Object for NewSalesOrderScheduleLine {
        const KEYS: &'static [&'static str] = &[
            "SalesOrder",
            "SalesOrderItem",
            "ScheduleLine",
            "RequestedDeliveryDate",
            "ScheduleLineOrderQuantity",
            "GoodsIssueTime",
        ];
        const OMIT_NONE: bool = true;
        const VERSION: ::odata_runtime::Version = ::odata_runtime::Version::V2;
        const STRUCT: &'static str = "NewSalesOrderScheduleLine";
        const NAMES: &'static [&'static str] = &[
            "sales_order",
            "sales_order_item",
            "schedule_line",
            "requested_delivery_date",
            "schedule_line_order_quantity",
            "goods_issue_time",
        ];
        fn value(&self, field: usize) -> ::odata_runtime::__private::FieldRef<'_> {
            use ::odata_runtime::__private::FieldRef as F;
            match field {
                0 => F::String(&self.sales_order),
                1 => F::String(&self.sales_order_item),
                2 => F::String(&self.schedule_line),
                3 => F::OptDateTime(&self.requested_delivery_date),
                4 => F::OptDecimal(&self.schedule_line_order_quantity),
                5 => F::OptTimeOfDay(&self.goods_issue_time),
                _ => F::Other,
            }
        }
        fn value_mut(
            &mut self,
            field: usize,
        ) -> ::odata_runtime::__private::FieldMut<'_> {
            use ::odata_runtime::__private::FieldMut as F;
            match field {
                0 => F::String(&mut self.sales_order),
                1 => F::String(&mut self.sales_order_item),
                2 => F::String(&mut self.schedule_line),
                3 => F::OptDateTime(&mut self.requested_delivery_date),
                4 => F::OptDecimal(&mut self.schedule_line_order_quantity),
                5 => F::OptTimeOfDay(&mut self.goods_issue_time),
                _ => F::Other,
            }
        }
    }
    ::odata_runtime::__private::object_impls!(NewSalesOrderScheduleLine);
    impl ::odata_runtime::request::NewEntity for NewSalesOrderScheduleLine {
        type Entity = SalesOrderScheduleLine;
    }
    /// The key of [`SalesOrderScheduleLine`] (entity type `API_SALES_ORDER_SRV.A_SalesOrderScheduleLineType`).
    #[derive(
        ::core::clone::Clone,
        ::core::fmt::Debug,
        ::core::cmp::PartialEq,
        ::core::cmp::Eq,
        ::core::hash::Hash
    )]
    pub struct SalesOrderScheduleLineKey {
        /// `SalesOrder`
        pub sales_order: ::std::string::String,
        /// `SalesOrderItem`
        pub sales_order_item: ::std::string::String,
        /// `ScheduleLine`
        pub schedule_line: ::std::string::String,
    }
    impl ::odata_runtime::EntityKey for SalesOrderScheduleLineKey {
        fn key_values(
            &self,
            version: ::odata_runtime::Version,
        ) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
            ::std::vec![
                ("SalesOrder", ::odata_runtime::edm::EdmValue::to_literal(& self
                .sales_order, version)), ("SalesOrderItem",
                ::odata_runtime::edm::EdmValue::to_literal(& self.sales_order_item,
                version)), ("ScheduleLine", ::odata_runtime::edm::EdmValue::to_literal(&
                self.schedule_line, version))
            ]
        }
    }
    impl ::odata_runtime::Entity for SalesOrderScheduleLine {
        const ENTITY_TYPE: &'static str = "API_SALES_ORDER_SRV.A_SalesOrderScheduleLineType";
        type Key = SalesOrderScheduleLineKey;
        fn key(&self) -> SalesOrderScheduleLineKey {
            SalesOrderScheduleLineKey {
                sales_order: ::core::clone::Clone::clone(&self.sales_order),
                sales_order_item: ::core::clone::Clone::clone(&self.sales_order_item),
                schedule_line: ::core::clone::Clone::clone(&self.schedule_line),
            }
        }
        fn etag(&self) -> ::core::option::Option<&str> {
            self.odata_metadata.as_ref().and_then(|m| m.etag.as_deref())
        }
    }
}
